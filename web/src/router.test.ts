import { describe, expect, it } from 'vitest';
import { hrefOf, matchPath, normalizePath, pathOfHash, queryOfHash } from './router.js';

describe('pathOfHash', () => {
  it('reads the route path out of a location hash', () => {
    expect(pathOfHash('')).toBe('/');
    expect(pathOfHash('#')).toBe('/');
    expect(pathOfHash('#/')).toBe('/');
    expect(pathOfHash('#/cases')).toBe('/cases');
    expect(pathOfHash('#/cases/')).toBe('/cases');
    expect(pathOfHash('#cases/7')).toBe('/cases/7');
    expect(pathOfHash('#/cases/7?tab=risk')).toBe('/cases/7');
  });

  it('keeps the query apart', () => {
    expect(queryOfHash('#/forecast?site=uihc&h=24').get('site')).toBe('uihc');
    expect(queryOfHash('#/forecast').get('site')).toBeNull();
  });
});

describe('matchPath', () => {
  it('matches literal segments and decodes parameters', () => {
    expect(matchPath('/cases', '/cases')).toEqual({});
    expect(matchPath('/cases/:id', '/cases/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/cases/:id', '/cases')).toBeUndefined();
    expect(matchPath('/cases/:id', '/cases/1/extra')).toBeUndefined();
    expect(matchPath('/cases/:id', '/engines/1')).toBeUndefined();
  });

  it('matches a prefix only when asked, segment by segment', () => {
    expect(matchPath('/forecast', '/forecast/runs/3')).toBeUndefined();
    expect(matchPath('/forecast', '/forecast/runs/3', { prefix: true })).toEqual({});
    expect(matchPath('/forecast', '/forecasting', { prefix: true })).toBeUndefined();
  });

  it('rejects a malformed escape instead of throwing', () => {
    expect(matchPath('/cases/:id', '/cases/%E0%A4%A')).toBeUndefined();
  });

  it('accepts capability page paths with or without slashes', () => {
    expect(normalizePath('intake')).toBe('/intake');
    expect(normalizePath('/intake/')).toBe('/intake');
    expect(hrefOf('risk')).toBe('#/risk');
  });
});
