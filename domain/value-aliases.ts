import { CATEGORIES, EVENT_KINDS, RESOLUTIONS, SITE_STATUSES, TECHNOLOGIES } from './enums.js';

/** Fields whose values are one of a fixed set (SPEC §1), each with the Chinese aliases operators write. */
export const ALIASED_FIELDS = ['category', 'technology', 'resolution', 'satisfied', 'status', 'kind'] as const;
export type AliasedField = (typeof ALIASED_FIELDS)[number];

/** Canonical value → the other spellings accepted for it (SPEC §1 "Operator files"). */
const ALIASES: Record<AliasedField, Record<string, readonly string[]>> = {
  category: {
    weak_coverage: ['弱覆盖'],
    no_signal: ['无信号'],
    call_drop: ['掉话'],
    slow_data: ['上网慢', '网速慢'],
    voice_quality: ['通话质量', '话音质量'],
    no_service: ['无服务'],
    other: ['其他', '其它'],
  },
  technology: { GSM: ['2G'], WCDMA: ['3G'], LTE: ['4G'], NR: ['5G'] },
  resolution: {
    fault_repair: ['故障修复'],
    optimisation: ['优化解决'],
    construction: ['建设解决'],
    explained: ['解释'],
    unresolved: ['未解决'],
  },
  satisfied: { true: ['t', '1', 'yes', 'y', '是', '满意'], false: ['f', '0', 'no', 'n', '否', '不满意'] },
  status: { active: ['在网', '正常'], fault: ['故障'], planned: ['规划', '在建'], no_investment: ['无投资价值'] },
  kind: {
    outage: ['故障', '中断'],
    maintenance: ['维护', '割接'],
    planned_construction: ['建设计划', '在建'],
    no_investment: ['无投资价值'],
  },
};

/** The canonical values of each field, in the order the enums list them. */
export const CANONICAL_VALUES: Record<AliasedField, readonly string[]> = {
  category: CATEGORIES,
  technology: TECHNOLOGIES,
  resolution: RESOLUTIONS,
  satisfied: ['true', 'false'],
  status: SITE_STATUSES,
  kind: EVENT_KINDS,
};

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space, and what NFKC folds them to. */
export const FULL_WIDTH = String.fromCodePoint(0x3000, ...range(0xff01, 0xff5e));
export const HALF_WIDTH = String.fromCodePoint(0x20, ...range(0x21, 0x7e));

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** How a value is compared: NFKC (full-width letters and digits become ASCII), trimmed, lower case. */
export function foldValue(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

/** Folded spelling → canonical value, per field; canonical values are their own aliases. */
export const VALUE_ALIASES: Record<AliasedField, ReadonlyMap<string, string>> = Object.fromEntries(
  ALIASED_FIELDS.map((field) => {
    const map = new Map<string, string>();
    for (const canonical of CANONICAL_VALUES[field]) {
      for (const spelling of [canonical, ...(ALIASES[field][canonical] ?? [])]) map.set(foldValue(spelling), canonical);
    }
    return [field, map];
  }),
) as unknown as Record<AliasedField, ReadonlyMap<string, string>>;

/**
 * The canonical (English) value of `raw` for `field`, accepting the Chinese aliases case- and
 * width-insensitively (`'４Ｇ'` → `'LTE'`, `' 掉话 '` → `'call_drop'`); undefined when it is none.
 * `satisfied` answers `'true'` or `'false'`.
 */
export function canonicalValue(field: AliasedField, raw: string): string | undefined {
  return VALUE_ALIASES[field].get(foldValue(raw));
}

/** The accepted values for a reason: `call_drop (掉话), slow_data (上网慢/网速慢), …`. */
export function acceptedValues(field: AliasedField): string {
  return CANONICAL_VALUES[field]
    .map((canonical) => {
      // English words (yes, t) go unsaid: the reason names what an operator's file would hold.
      const shown = (ALIASES[field][canonical] ?? []).filter((a) => !/^[a-z]+$/.test(a));
      return shown.length === 0 ? canonical : `${canonical} (${shown.join('/')})`;
    })
    .join(', ');
}

/** The spelling a Chinese back office writes for a canonical value (its first Chinese alias, else `4G`-like). */
export function chineseAlias(field: AliasedField, canonical: string): string {
  const aliases = ALIASES[field][canonical] ?? [];
  return aliases.find((a) => /\P{ASCII}/u.test(a)) ?? aliases.find((a) => !/^[a-z]+$/.test(a)) ?? canonical;
}
