import { describe, expect, it } from 'vitest';
import { CellpulseError } from '../../../domain/errors.js';
import { mapHeaders } from '../../../ingest/header-map.js';

function refusal(fn: () => unknown): CellpulseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CellpulseError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('mapHeaders', () => {
  it('matches English names case-insensitively and keeps the header as written', () => {
    const map = mapHeaders(
      'complaints',
      ['Complaint_ID', 'RECEIVED_AT', 'City', 'category', 'Technology', 'LAT', 'Lon'],
      'f.csv',
    );
    expect(map.get('complaint_id')).toBe('Complaint_ID');
    expect(map.get('received_at')).toBe('RECEIVED_AT');
    expect(map.get('lat')).toBe('LAT');
    expect(map.get('lon')).toBe('Lon');
    expect(map.get('cell_id')).toBeUndefined();
  });

  it('matches the Chinese aliases of every complaint field', () => {
    const zh = [
      '工单号',
      '受理时间',
      '地市',
      '投诉类型',
      '网络制式',
      '纬度',
      '经度',
      '小区ID',
      '回复时间',
      '解决时间',
      '处理结果',
      '回访满意',
    ];
    const map = mapHeaders('complaints', zh, 'f.csv');
    expect([...map.values()]).toEqual(zh);
  });

  it('matches the Chinese aliases of sites and subscribers', () => {
    const sites = mapHeaders(
      'sites',
      ['小区ID', '基站ID', '地市', '网络制式', '纬度', '经度', '方位角', '状态'],
      'f.csv',
    );
    expect(sites.get('site_id')).toBe('基站ID');
    expect(sites.get('azimuth')).toBe('方位角');
    const subs = mapHeaders('subscribers', ['地市', '网络制式', '月份', '用户数'], 'f.csv');
    expect(subs.get('month')).toBe('月份');
    expect(subs.get('subscribers')).toBe('用户数');
  });

  it('ignores surrounding spaces in header names', () => {
    const map = mapHeaders('subscribers', [' city', 'technology ', ' Month ', 'subscribers'], 'f.csv');
    expect(map.get('month')).toBe(' Month ');
  });

  it('prefers the English name when both it and an alias are present', () => {
    const map = mapHeaders('subscribers', ['地市', 'city', 'technology', 'month', 'subscribers'], 'f.csv');
    expect(map.get('city')).toBe('city');
  });

  it('refuses a header without a required column, naming it with its Chinese alias and the file', () => {
    const error = refusal(() =>
      mapHeaders('complaints', ['complaint_id', 'received_at', 'city', 'category'], 'in/c.csv'),
    );
    expect(error.code).toBe('refused_file');
    expect(error.message).toContain('in/c.csv');
    expect(error.message).toContain('technology/网络制式');
    expect(error.message).not.toContain('category/');
  });

  it('does not need optional columns', () => {
    expect(() => mapHeaders('events', ['kind', 'starts_at'], 'e.csv')).not.toThrow();
  });
});
