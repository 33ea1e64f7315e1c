/**
 * The words of the pages that are code, not content (the stop-and-billing table, the paste diagnosis), in each
 * language the guide has. A Markdown page is translated as a file under content/i18n/; these pages take their
 * labels from here, so the English and the Chinese page render the same data with the same code. Used at build
 * time by the .astro pages and in the browser by the diagnosis results and the forgiving search (which pick by
 * `<html lang>`), so it holds plain data only.
 */
import type { MaskKind } from './report-error.ts';

export type UiLocale = 'en' | 'zh-cn';

/** The language of a page from its `<html lang>` (`zh-CN`) or a Starlight locale (`zh-cn`); English otherwise. */
export const uiLocale = (lang: string | undefined | null): UiLocale => (lang?.toLowerCase() === 'zh-cn' ? 'zh-cn' : 'en');

/** Labels of /compare/stopped/: the row's data (paths, tiers, prices, clocks) stays as the profiles write it. */
export interface StoppedLabels {
  title: string;
  description: string;
  /** The paragraph above the table, around its two links. */
  intro: [before: string, survival: string, between: string, teardown: string, after: string];
  platform: string;
  afterStop: string;
  afterDestroy: string;
  whileStopped: string;
  meterStopsWith: string;
  deletesData: string;
  noStop: string;
  checkpointHere: string;
  clocksHead: string;
  noFixedDelay: string;
  after: (duration: string) => string;
  /** Ends a clock's lead-in (`after 30 days:`), with the punctuation of the language. */
  colon: string;
  fates: Record<'kept' | 'wiped' | 'n/a', string>;
  billing: Record<'bills' | 'free' | 'n/a' | 'priced' | 'not recorded', string>;
  /** A cell's provenance: checked in a month, or carried over. */
  checked: (short: string) => string;
  carriedOver: string;
  duration: (n: number, unit: 'minute' | 'hour' | 'day') => string;
}

export const STOPPED: Record<UiLocale, StoppedLabels> = {
  en: {
    title: 'After a stop: what is kept, what still bills',
    description: 'Per platform: which paths keep their data after a stop and after destroy, terminate or release, and what a stopped instance still costs.',
    intro: [
      'A stop is not the same promise everywhere: on one platform it keeps every disk and bills for them, on the next it wipes `/root` and bills nothing. Each row lists the paths you work in, what happens to them under the gentle stop and under the verb that deletes the instance (destroy, terminate, release, return), and what keeps costing money while the instance sits stopped, tier by tier where the profile records it. Every cell says whether its fact was checked against a quoted source or carried over from the upstream knowledge base. Tier by tier detail: ',
      'survival matrix',
      '; the verbs themselves: ',
      'teardown and billing',
      '.',
    ],
    platform: 'Platform',
    afterStop: 'After a stop',
    afterDestroy: 'After destroy, terminate or release',
    whileStopped: 'While stopped: still billed, and clocks',
    meterStopsWith: 'meter stops with',
    deletesData: ' (deletes data)',
    noStop: 'No stop state: the instance runs until it is destroyed.',
    checkpointHere: ' — checkpoint here',
    clocksHead: 'Clocks a stop starts:',
    noFixedDelay: 'no fixed delay',
    after: (d) => `after ${d}`,
    colon: ':',
    fates: { kept: 'kept', wiped: 'wiped', 'n/a': 'does not apply' },
    billing: {
      bills: 'still bills while stopped',
      free: 'free while stopped',
      'n/a': 'no stop state',
      priced: 'priced by the profile (whether a stop pauses it: not recorded)',
      'not recorded': 'not recorded',
    },
    checked: (short) => `checked ${short}`,
    carriedOver: 'carried over',
    duration: (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`,
  },
  'zh-cn': {
    title: '关机之后：哪些数据还在，哪些还在计费',
    description: '逐个平台列出：关机后、销毁（释放、终止）后哪些路径的数据还在，以及关机状态下还要付哪些钱。',
    intro: [
      '“关机”在各家平台的含义并不一样：有的平台关机后所有磁盘都保留，照样收存储费；有的平台关机就清空 `/root`，一分钱也不收。每一行列出你平时工作的路径，它们在普通关机和删除实例的操作（销毁、终止、释放、归还）之下各自的下场，以及实例关机停着的时候还在花钱的项目；档案里记了的，按存储层逐层列出。每个单元格都注明这条事实是对照引用的来源核对过的，还是从上游知识库沿用而未核对的。表格里的路径、存储层名称、价格和时钟说明照档案原文（英文）列出。逐层细节见',
      '存活矩阵',
      '（英文）；各个操作本身见',
      '停机与计费',
      '（英文）。',
    ],
    platform: '平台',
    afterStop: '关机后',
    afterDestroy: '销毁、终止或释放后',
    whileStopped: '关机期间：仍在计费的项目与计时',
    meterStopsWith: '停止计费的操作：',
    deletesData: '（会删除数据）',
    noStop: '没有关机状态：实例一直运行，直到被销毁。',
    checkpointHere: ' —— 检查点存这里',
    clocksHead: '关机后开始走的计时：',
    noFixedDelay: '没有固定时限',
    after: (d) => `${d}后`,
    colon: '：',
    fates: { kept: '保留', wiped: '清空', 'n/a': '不适用' },
    billing: {
      bills: '关机期间仍计费',
      free: '关机期间免费',
      'n/a': '没有关机状态',
      priced: '档案给出了价格（关机是否暂停计费：未记录）',
      'not recorded': '未记录',
    },
    checked: (short) => `核对于 ${short.replace(', partly', '，部分')}`,
    carriedOver: '沿用上游，未核对',
    duration: (n, unit) => `${n} ${{ minute: '分钟', hour: '小时', day: '天' }[unit]}`,
  },
};

/** Strings of /diagnose/ and of the search box's paste diagnosis, built in the page or in the browser. */
export interface DiagnoseStrings {
  title: string;
  description: string;
  /** The paragraph above the box: text, the bold privacy promise, text, the CLI command, the end. */
  intro: [string, string, string, string];
  logLabel: string;
  submit: string;
  /** Shown under a paste too long to show whole in the box (it is read whole). */
  moreLines: string;
  reading: string;
  done: (ms: number) => string;
  failed: (message: string) => string;
  matched: (n: number, lines: number, errorLines: number, truncated: boolean) => string;
  none: (lines: number) => string;
  viaSignature: string;
  viaWords: string;
  line: (n: number) => string;
  /** The engine's reason (`signature …`, `words …`) with its leading word in this language. */
  why: (why: string) => string;
  pasteHeading: string;
  pasteRegion: string;
  reportOpen: (matched: boolean) => string;
  reportIntro: string;
  reportLabel: string;
  masked: (counts: Record<MaskKind, number>, english: string) => string;
  reportRest: (title: string, preface: string) => string;
  reportLink: string;
  reportNoRepo: string;
}

const ZH_MASKS: Record<MaskKind, string> = { secret: '密钥或令牌', email: '电子邮件地址', ip: 'IP 地址', host: '主机名', home: '用户目录名' };

export const DIAGNOSE: Record<UiLocale, DiagnoseStrings> = {
  en: {
    title: 'Paste your log',
    description: 'Paste an error or a whole log; the guide names the gotchas that explain it. Runs in your browser; nothing is sent anywhere.',
    intro: [
      'Paste the error, or the whole tail of the log: traceback, rank prefixes, timestamps and all. Declared error messages are matched first, then the distinctive words of the lines that carry an error. It runs in this page: ',
      'nothing you paste leaves your browser',
      ', and once the page has loaded it works offline. When no page explains your error, "Report this error" shows the lines with secrets, addresses and names masked, for you to check and send to the guide\'s issue tracker yourself. The same engine answers ',
      ' in a checkout.',
    ],
    logLabel: 'Log',
    submit: 'Diagnose',
    moreLines: '[… more lines, read but not shown]',
    reading: 'Reading…',
    done: (ms) => `Done in ${ms} ms.`,
    failed: (message) => `Could not diagnose: ${message}`,
    matched: (n, lines, errorLines, truncated) =>
      `${n} likely ${n === 1 ? 'cause' : 'causes'} from ${lines} lines (${errorLines} distinct error lines)${truncated ? '; part of the log was cut' : ''}.`,
    none: (lines) => `No gotcha matched (${lines} lines read). Try pasting the last 50 lines, with the traceback's final line.`,
    viaSignature: 'message match',
    viaWords: 'word match',
    line: (n) => `line ${n}: `,
    why: (why) => why,
    pasteHeading: 'From your pasted text',
    pasteRegion: 'Gotchas that explain the pasted text',
    reportOpen: (matched) => (matched ? 'None of these? Report this error' : 'Report this error'),
    reportIntro:
      'This is exactly what the issue form will be filled with. Secrets, tokens, IP addresses, host names, e-mail addresses and home folder names were replaced; read it, and remove anything else you would rather not publish. Nothing is sent until you submit the form on GitHub.',
    reportLabel: 'Lines to report',
    masked: (_counts, english) => `Masked: ${english}.`,
    reportRest: (title, preface) => `The issue's title will be “${title}”, and its Symptom field will open with: “${preface}”`,
    reportLink: 'Open the new-gotcha form on GitHub',
    reportNoRepo: 'This copy of the guide names no repository to report to: copy the lines above into a new-gotcha issue of the repository you got it from.',
  },
  'zh-cn': {
    title: '粘贴日志排错',
    description: '粘贴一条报错或整段日志，指南会列出能解释它的坑点。全程在你的浏览器里运行，不向任何地方发送数据。',
    intro: [
      '把报错粘进来，或者干脆粘贴日志的整个结尾：traceback、rank 前缀、时间戳都可以留着。先匹配各坑点登记的报错信息，再匹配报错行里有辨识度的词。整个过程都在本页完成：',
      '你粘贴的内容不会离开你的浏览器',
      '，页面加载完之后断网也能用。有中文译文的坑点，结果直接链接到中文页，其余链接到英文页。如果没有哪一页能解释你的报错，“报告这个错误”会把相关的行展示出来，其中的密钥、地址和名字已被遮盖，由你检查后自己提交到指南的 issue 区（issue 表单是英文的）。在本仓库的检出目录里，',
      ' 用的是同一个引擎。',
    ],
    logLabel: '日志',
    submit: '开始排错',
    moreLines: '[… 后面还有更多行，已读取，未显示]',
    reading: '正在读取…',
    done: (ms) => `完成，用时 ${ms} 毫秒。`,
    failed: (message) => `无法排错：${message}`,
    matched: (n, lines, errorLines, truncated) => `在 ${lines} 行里找到 ${n} 个可能的原因（${errorLines} 条不重复的报错行）${truncated ? '；日志有一部分被截掉了' : ''}。`,
    none: (lines) => `没有匹配到坑点（已读 ${lines} 行）。试试粘贴最后 50 行，并带上 traceback 的最后一行。`,
    viaSignature: '报错信息匹配',
    viaWords: '关键词匹配',
    line: (n) => `第 ${n} 行：`,
    why: (why) => why.replace(/^signature /, '报错特征 ').replace(/^words /, '关键词 '),
    pasteHeading: '根据你粘贴的内容',
    pasteRegion: '能解释所粘贴内容的坑点',
    reportOpen: (matched) => (matched ? '都不对？报告这个错误' : '报告这个错误'),
    reportIntro:
      '下面就是 issue 表单会填入的全部内容。密钥、令牌、IP 地址、主机名、电子邮件地址和用户目录名已被替换；请通读一遍，再删掉任何你不想公开的内容。在你于 GitHub 上提交表单之前，什么都不会发送。',
    reportLabel: '要报告的行',
    masked: (counts) => {
      const parts = (Object.keys(ZH_MASKS) as MaskKind[]).filter((k) => counts[k]).map((k) => `${counts[k]} 处${ZH_MASKS[k]}`);
      return `已遮盖：${parts.length ? parts.join('、') : '没有看起来涉及隐私的内容'}。`;
    },
    reportRest: (title, preface) => `issue 的标题将是“${title}”，“Symptom”一栏开头是：“${preface}”`,
    reportLink: '在 GitHub 上打开新坑点表单',
    reportNoRepo: '这份指南没有写明可以报告到哪个仓库：请把上面的行复制到你获取本指南的那个仓库，开一个新坑点 issue。',
  },
};

/** The forgiving search's own words (site/lib/search-forgiving.ts), around what Pagefind UI shows. */
export interface SearchStrings {
  /** Above results that leave out words: which were on no page, which never met the rest, and the query used. */
  relaxed: (missing: string[], apart: string[], query: string) => string;
  /** Above results where the first page lacks one word. */
  widened: (lacking: string) => string;
  loadMore: string;
  /** What screen-reader users hear once results are final: Pagefind's count sentence and how to reach them. */
  found: (countSentence: string) => string;
}

const quoted = (ws: string[], sep: string) => ws.map((w) => `“${w}”`).join(sep);

export const SEARCH: Record<UiLocale, SearchStrings> = {
  en: {
    relaxed: (missing, apart, query) => {
      const parts: string[] = [];
      if (missing.length) parts.push(`No page contains ${quoted(missing, ', ')}`);
      if (apart.length) parts.push(`${parts.length ? 'and no' : 'No'} page has ${quoted(apart, ', ')} together with the other words`);
      return `${parts.join(', ')} — showing results without ${missing.length + apart.length === 1 ? 'it' : 'them'}, for “${query}”.`;
    },
    widened: (lacking) => `The first result does not contain “${lacking}”: pages that closely match your other words are ranked among the pages that contain every word.`,
    loadMore: 'Load more results',
    found: (countSentence) => `${countSentence}. Press the down arrow key to move through them.`,
  },
  'zh-cn': {
    relaxed: (missing, apart, query) => {
      const parts: string[] = [];
      if (missing.length) parts.push(`没有页面包含${quoted(missing, '、')}`);
      if (apart.length) parts.push(`没有页面同时包含${quoted(apart, '、')}和其余的词`);
      return `${parts.join('，')}。下面是去掉这些词之后，按“${query}”搜索的结果。`;
    },
    widened: (lacking) => `第一个结果不含“${lacking}”：与你输入的其他词高度吻合的页面，也排进了包含全部词语的页面之中。`,
    loadMore: '加载更多结果',
    found: (countSentence) => `${countSentence}。按向下方向键逐条浏览。`,
  },
};

/** A page's provenance badge (site/lib/age.ts builds it; VerifiedBadge.astro shows it). */
export interface ProvenanceStrings {
  checked: (month: string) => string;
  partly: (month: string) => string;
  /** The short form for a table cell. */
  partlyShort: (month: string) => string;
  carriedOver: (asOf: string) => string;
  carriedShort: string;
  none: string;
  noneTitle: string;
  ago: (months: number) => string;
  checkedTitle: (month: string) => string;
  /** `unchecked` is the page's own note (frontmatter, in the page's language or English), shown as written. */
  partlyTitle: (month: string, unchecked: string | undefined, upstreamOnly: number | undefined) => string;
  carriedTitle: (from: string, asOf: string, upstreamVerified: string | undefined) => string;
}

export const PROVENANCE: Record<UiLocale, ProvenanceStrings> = {
  en: {
    checked: (m) => `checked ${m}`,
    partly: (m) => `partly checked ${m}`,
    partlyShort: (m) => `${m}, partly`,
    carriedOver: (asOf) => `carried over from upstream (${asOf})`,
    carriedShort: 'carried over',
    none: 'no provenance',
    noneTitle: 'This page states no provenance',
    ago: (n) => (n === 0 ? 'this month' : n === 1 ? '1 month ago' : `${n} months ago`),
    checkedTitle: (m) => `Compared with a quoted source in ${m}`,
    partlyTitle: (m, unchecked, upstreamOnly) =>
      `Some facts compared with a quoted source in ${m}; ${[unchecked ? `not checked: ${unchecked}` : '', upstreamOnly ? `${upstreamOnly} fact(s) still marked only with the upstream's check` : ''].filter(Boolean).join('; ')}`,
    carriedTitle: (from, asOf, upstream) => `Taken from ${from} as of ${asOf} and not yet checked here${upstream ? `; upstream said it checked them in ${upstream}` : ''}`,
  },
  'zh-cn': {
    checked: (m) => `已核对 ${m}`,
    partly: (m) => `部分核对 ${m}`,
    partlyShort: (m) => `${m}，部分`,
    carriedOver: (asOf) => `沿用上游（${asOf}）`,
    carriedShort: '沿用上游',
    none: '未注明出处',
    noneTitle: '本页没有说明事实的出处',
    ago: (n) => (n === 0 ? '本月' : `${n} 个月前`),
    checkedTitle: (m) => `${m} 对照引用的来源核对过`,
    partlyTitle: (m, unchecked, upstreamOnly) =>
      `部分事实在 ${m} 对照引用的来源核对过；${[unchecked ? `未核对：${unchecked}` : '', upstreamOnly ? `还有 ${upstreamOnly} 条事实只带着上游的核对标记` : ''].filter(Boolean).join('；')}`,
    carriedTitle: (from, asOf, upstream) => `取自 ${from}（截至 ${asOf}），本站尚未核对${upstream ? `；上游称其在 ${upstream} 核对过` : ''}`,
  },
};
