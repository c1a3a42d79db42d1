import type { Lookup } from '../../domain/lookup.js';

/** What the look-up found, most important first; the answer is written for the first one. */
export type Finding =
  | { kind: 'outage' | 'maintenance'; ends_at: string | null; note: string | null }
  | { kind: 'incident'; category: string; complaint_count: number }
  | { kind: 'planned_construction' }
  | { kind: 'no_investment' }
  | { kind: 'weak_coverage'; complaints: number; distinct_days: number }
  | { kind: 'none' };

/** A suggested answer for the front-desk agent, in Chinese and English. */
export type SuggestedAnswer = Lookup['answer'];

const CATEGORY_ZH: Record<string, string> = {
  weak_coverage: '信号弱',
  no_signal: '无信号',
  call_drop: '掉话',
  slow_data: '上网慢',
  voice_quality: '通话质量差',
  no_service: '无服务',
  other: '其他',
};

/**
 * The agent's answer for the most important finding (SPEC §6): a fault or maintenance in force,
 * then a major complaint cluster being handled, planned construction, a no-investment area, a
 * known weak-coverage hexagon; with nothing known, a new work order with the 24-hour commitment.
 */
export function suggestAnswer(finding: Finding): SuggestedAnswer {
  switch (finding.kind) {
    case 'outage':
    case 'maintenance': {
      const what =
        finding.kind === 'outage'
          ? { zh: '基站故障', en: 'a site fault' }
          : { zh: '网络维护', en: 'planned maintenance' };
      const until = finding.ends_at
        ? { zh: `，预计${finding.ends_at}恢复`, en: `; service is expected back by ${finding.ends_at}` }
        : { zh: '，正在抢修', en: '; engineers are on it' };
      return {
        reason: finding.kind,
        zh: `您所在区域目前有${what.zh}${until.zh}。给您带来不便，敬请谅解。`,
        en: `There is ${what.en} in your area right now${until.en}. We apologise for the inconvenience.`,
      };
    }
    case 'incident':
      return {
        reason: 'incident',
        zh:
          `您附近已有${finding.complaint_count}位用户反映“${CATEGORY_ZH[finding.category] ?? finding.category}”问题，` +
          `已列为重要投诉优先处理，2小时内给您回复。`,
        en:
          `${finding.complaint_count} customers near you have reported the same problem ` +
          `(${finding.category.replace('_', ' ')}); it is being handled with priority as a ` +
          `major complaint and we will reply within 2 hours.`,
      };
    case 'planned_construction':
      return {
        reason: 'planned_construction',
        zh: '您所在区域已列入新建基站计划，建成后信号将改善，感谢您的耐心。',
        en: 'A new site is planned for your area; coverage will improve once it is built. Thank you for your patience.',
      };
    case 'no_investment':
      return {
        reason: 'no_investment',
        zh: '您所在区域暂无网络建设计划，我们已记录您的需求，建议使用WiFi通话等替代方式。',
        en:
          'There is no network construction planned for your area at present; we have ' +
          'recorded your request and suggest Wi-Fi calling meanwhile.',
      };
    case 'weak_coverage':
      return {
        reason: 'weak_coverage',
        zh: `您所在区域为已知弱覆盖区域（近期${finding.complaints}次投诉），已提交网络优化，24小时内给您回复。`,
        en:
          `Your area is a known weak-coverage area (${finding.complaints} recent complaints); it has ` +
          `been passed to network optimisation and we will reply within 24 hours.`,
      };
    case 'none':
      return {
        reason: 'none',
        zh: '您所在区域暂无已知网络问题，我们已为您建立工单，工程师将在24小时内联系您。',
        en:
          'We know of no network problem in your area; we have opened a work order ' +
          'and an engineer will contact you within 24 hours.',
      };
    default:
      return finding satisfies never;
  }
}
