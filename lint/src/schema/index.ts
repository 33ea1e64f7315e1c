/**
 * The content model: the one place every frontmatter shape is defined. The site's content config and
 * every lint rule import these factories; neither declares a field of its own.
 */
export * from './verified.ts';
export * from './provenance.ts';
export * from './source.ts';
export * from './ids.ts';
export * from './known.ts';
export * from './gotcha.ts';
export * from './profile.ts';
export * from './catalog.ts';
export * from './reference.ts';
export * from './template.ts';
export * from './signature.ts';
export * from './translation.ts';
