import { describe, expect, it } from 'vitest';
import { canonicalValue } from '../../../domain/value-aliases.js';

// SPEC §1 "Operator files", copied literally: alias → canonical value.
const SPEC_PAIRS: [Parameters<typeof canonicalValue>[0], string, string][] = [
  ['category', '弱覆盖', 'weak_coverage'],
  ['category', '无信号', 'no_signal'],
  ['category', '掉话', 'call_drop'],
  ['category', '上网慢', 'slow_data'],
  ['category', '网速慢', 'slow_data'],
  ['category', '通话质量', 'voice_quality'],
  ['category', '话音质量', 'voice_quality'],
  ['category', '无服务', 'no_service'],
  ['category', '其他', 'other'],
  ['category', '其它', 'other'],
  ['technology', '2G', 'GSM'],
  ['technology', '3G', 'WCDMA'],
  ['technology', '4G', 'LTE'],
  ['technology', '5G', 'NR'],
  ['resolution', '故障修复', 'fault_repair'],
  ['resolution', '优化解决', 'optimisation'],
  ['resolution', '建设解决', 'construction'],
  ['resolution', '解释', 'explained'],
  ['resolution', '未解决', 'unresolved'],
  ['satisfied', '是', 'true'],
  ['satisfied', '满意', 'true'],
  ['satisfied', '1', 'true'],
  ['satisfied', '否', 'false'],
  ['satisfied', '不满意', 'false'],
  ['satisfied', '0', 'false'],
  ['status', '在网', 'active'],
  ['status', '正常', 'active'],
  ['status', '故障', 'fault'],
  ['status', '规划', 'planned'],
  ['status', '在建', 'planned'],
  ['status', '无投资价值', 'no_investment'],
  ['kind', '故障', 'outage'],
  ['kind', '中断', 'outage'],
  ['kind', '维护', 'maintenance'],
  ['kind', '割接', 'maintenance'],
  ['kind', '建设计划', 'planned_construction'],
  ['kind', '在建', 'planned_construction'],
  ['kind', '无投资价值', 'no_investment'],
];

describe('canonicalValue', () => {
  it.each(SPEC_PAIRS)('%s %s → %s', (field, alias, canonical) => {
    expect(canonicalValue(field, alias)).toBe(canonical);
  });

  it('is case- and width-insensitive and trims, canonical spellings included', () => {
    expect(canonicalValue('technology', '４Ｇ')).toBe('LTE');
    expect(canonicalValue('technology', ' 5g ')).toBe('NR');
    expect(canonicalValue('technology', 'ｌｔｅ')).toBe('LTE');
    expect(canonicalValue('category', '\u3000掉话 ')).toBe('call_drop');
    expect(canonicalValue('category', 'Call_Drop')).toBe('call_drop');
    expect(canonicalValue('satisfied', '１')).toBe('true');
  });

  it('answers undefined for what is not an accepted spelling', () => {
    expect(canonicalValue('technology', '6G')).toBeUndefined();
    expect(canonicalValue('category', '覆盖差')).toBeUndefined();
    expect(canonicalValue('kind', '在网')).toBeUndefined();
  });
});
