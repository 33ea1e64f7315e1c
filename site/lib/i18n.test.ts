import { describe, expect, it } from 'vitest';
import { localeHref, pickerTarget, splitLocale } from './i18n.ts';

const translated = new Set(['/', '/profiles/autodl/']);

describe('language picker targets', () => {
  it('sends a translated page to its translation and back', () => {
    expect(pickerTarget('/profiles/autodl/', 'zh-cn', '/', translated)).toBe('/zh-cn/profiles/autodl/');
    expect(pickerTarget('/zh-cn/profiles/autodl/', 'root', '/', translated)).toBe('/profiles/autodl/');
  });

  it('sends a page without a translation to the Chinese home page, never to a missing /zh-cn/ path', () => {
    expect(pickerTarget('/profiles/runpod/', 'zh-cn', '/', translated)).toBe('/zh-cn/');
    expect(pickerTarget('/gotchas/u6/', 'zh-cn', '/', translated)).toBe('/zh-cn/');
  });

  it('keeps the base path of a project site', () => {
    expect(pickerTarget('/guide/profiles/autodl/', 'zh-cn', '/guide/', translated)).toBe('/guide/zh-cn/profiles/autodl/');
    expect(pickerTarget('/guide/zh-cn/', 'root', '/guide/', translated)).toBe('/guide/');
    expect(pickerTarget('/guide/compare/', 'zh-cn', '/guide/', translated)).toBe('/guide/zh-cn/');
  });
});

describe('links inside the Chinese tree', () => {
  it('point at the translation when there is one and at the English page otherwise', () => {
    expect(localeHref('/profiles/autodl/#storage', 'zh-cn', '/', translated)).toBe('/zh-cn/profiles/autodl/#storage');
    expect(localeHref('/profiles/runpod/', 'zh-cn', '/', translated)).toBe('/profiles/runpod/');
  });

  it('splits a path into its locale and the English route', () => {
    expect(splitLocale('/zh-cn/profiles/autodl/', '/')).toEqual({ locale: 'zh-cn', route: '/profiles/autodl/' });
    expect(splitLocale('/zh-cn/', '/')).toEqual({ locale: 'zh-cn', route: '/' });
    expect(splitLocale('/zh-cnx/', '/')).toEqual({ locale: 'root', route: '/zh-cnx/' });
    expect(splitLocale('/other/x/', '/guide/')).toBeUndefined();
  });
});
