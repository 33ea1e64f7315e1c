import { defineRule } from '../define.ts';

export default defineRule({
  id: 'readable-file',
  description: 'Content files are UTF-8 text, regular files inside the repository with URL-safe names, and within the parser bounds',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'catalog', 'reference', 'template', 'other', 'translation'],
  scope: 'file',
  unreadable: 'report',
  check(file, ctx) {
    if (file.readProblem) ctx.report(file, { message: file.readProblem.message, place: file.readProblem.place });
  },
});
