import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/message';
import { configFromQuery, DEFAULT_CONFIG, SETTINGS, type TrainConfig } from '../settings';
import { LESSONS, lessonById, lessonConfig } from './lessons';
import { DEFAULT_PAGE_PARAMS, PAGE_PARAM_TABLE, PAGE_PARAMS, readLink, suggestedHidden, writeLink, type PageParams } from './link';

describe("a teacher's link", () => {
  it('opens exactly what it shared: settings, lesson, language, hidden and locked controls, start on open', () => {
    const config: TrainConfig = {
      ...DEFAULT_CONFIG,
      model: 'small',
      activation: 'tanh',
      learningRate: 0.003,
      trainLimit: 2000,
      augFlip: true,
    };
    const params: PageParams = {
      lang: 'zh',
      lesson: 'dropout',
      hide: ['momentum', 'lrnAlpha', 'backend'],
      lock: ['dropout', 'epochs'],
      start: true,
    };
    const query = writeLink(config, params);
    expect(readLink(query)).toEqual({ config, params, notices: [] });
    // Readable by a teacher: the settings' own URL keys, commas unescaped.
    expect(query).toContain('hide=mom,lrna,backend');
    expect(query).toContain('lock=drop,ep');
  });

  it('leaves out what is at its default, so a plain page has a plain link', () => {
    expect(writeLink(DEFAULT_CONFIG, {})).toBe('');
    expect(readLink('')).toEqual({ config: DEFAULT_CONFIG, params: DEFAULT_PAGE_PARAMS, notices: [] });
  });

  it("a lesson's link without settings holds none, and opens with the lesson's own", () => {
    const query = writeLink(null, { lesson: 'dropout', lang: 'zh' });
    expect(query).toBe('lesson=dropout&lang=zh');
    expect(readLink(query).config).toEqual(lessonConfig(lessonById('dropout')));
  });

  it('round-trips every page parameter on its own', () => {
    const each: Partial<PageParams>[] = [{ lang: 'en' }, { lang: 'zh' }, { start: true }, { hide: ['seed'] }, { lock: ['dataset'] }];
    for (const lesson of LESSONS) each.push({ lesson: lesson.id });
    for (const p of each) {
      const { params, notices } = readLink(writeLink(DEFAULT_CONFIG, p));
      expect(params, JSON.stringify(p)).toEqual({ ...DEFAULT_PAGE_PARAMS, ...p });
      expect(notices).toEqual([]);
    }
    // Every setting can be hidden and locked by its URL key.
    const all = SETTINGS.map((s) => s.key);
    expect(readLink(writeLink(DEFAULT_CONFIG, { hide: all, lock: all })).params).toMatchObject({ hide: all, lock: all });
  });

  it("naming a lesson and no setting opens with the lesson's settings; settings in the link win", () => {
    for (const lesson of LESSONS) expect(readLink(`lesson=${lesson.id}`).config, lesson.id).toEqual(lessonConfig(lesson));
    expect(readLink('lesson=dropout&model=tiny').config).toEqual({ ...DEFAULT_CONFIG, model: 'tiny' });
    // Each lesson's own settings, its full version, and the plain defaults all come back from a link naming it.
    for (const lesson of LESSONS) {
      for (const config of [lessonConfig(lesson), lessonConfig(lesson, lesson.full ?? ''), DEFAULT_CONFIG]) {
        expect(readLink(writeLink(config, { lesson: lesson.id })).config, lesson.id).toEqual(config);
      }
    }
  });

  it('keeps the default for unknown or malformed values and lists each in a notice, the good values kept', () => {
    const { config, params, notices } = readLink('lesson=nope&hide=lr,wings,bs&lock=,,drop&start=maybe&lang=fr&act=tanh&colour=red&ep=-1');
    expect(params).toEqual({ ...DEFAULT_PAGE_PARAMS, hide: ['learningRate', 'batchSize'], lock: ['dropout'] });
    expect(config).toEqual({ ...DEFAULT_CONFIG, activation: 'tanh' });
    expect(notices.map(englishText)).toEqual([
      'Ignored unknown URL setting "colour".',
      expect.stringContaining('Epochs'),
      'lesson: there is no lesson "nope"; no lesson is opened.',
      'hide: "wings" is not a setting; left out.',
      'start: "maybe" is not 1 or 0; training does not start by itself.',
      'lang: "fr" is not a language of this page (en, zh); the browser’s language is used.',
    ]);
  });

  it('is the one table of page parameters the settings codec knows about', () => {
    expect(PAGE_PARAMS).toEqual(PAGE_PARAM_TABLE.map((p) => p.url));
    expect(new Set(PAGE_PARAMS).size).toBe(PAGE_PARAMS.length);
    // No page parameter shadows a setting's URL key.
    for (const url of PAGE_PARAMS) expect(SETTINGS.some((s) => s.url === url)).toBe(false);
    expect(configFromQuery(PAGE_PARAMS.map((p) => `${p}=x`).join('&'), DEFAULT_CONFIG, PAGE_PARAMS).notices).toEqual([]);
  });

  it('suggests hiding exactly the settings a lesson does not use', () => {
    for (const lesson of LESSONS) {
      const hidden = suggestedHidden(lesson.id);
      for (const key of lessonById(lesson.id).focus) expect(hidden).not.toContain(key);
      expect(hidden.length + lesson.focus.length).toBe(SETTINGS.length);
    }
  });
});
