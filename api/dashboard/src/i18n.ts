/** The page's two languages; Chinese first, as the operators' staff read it. */
export type Language = 'zh' | 'en';

const STRINGS = {
  title: { zh: 'cellpulse 网络投诉看板', en: 'cellpulse network complaints' },
  language_switch: { zh: 'English', en: '中文' },
  period: { zh: '时段', en: 'Period' },
  from: { zh: '从', en: 'from' },
  to: { zh: '到', en: 'to' },
  category: { zh: '投诉类型', en: 'Category' },
  technology: { zh: '网络制式', en: 'Technology' },
  city: { zh: '地市', en: 'City' },
  all: { zh: '全部', en: 'all' },
  api_key: { zh: 'API 密钥', en: 'API key' },
  live: { zh: '实时', en: 'live' },
  offline: { zh: '离线', en: 'offline' },
  map: { zh: '投诉热力（H3 六边形）', en: 'Complaints per H3 hexagon' },
  map_resolution: { zh: '分辨率', en: 'resolution' },
  map_hexagons: { zh: '个六边形', en: 'hexagons' },
  map_hint: { zh: '点击地图可填入查询点', en: 'click the map to fill in the look-up point' },
  legend_sites: { zh: '基站', en: 'cell sites' },
  legend_fault: { zh: '故障', en: 'fault' },
  legend_planned: { zh: '规划', en: 'planned' },
  legend_incident: { zh: '重要投诉（进行中）', en: 'major cluster (open)' },
  time_all: { zh: '整个时段', en: 'whole period' },
  time_play: { zh: '回放', en: 'play' },
  time_pause: { zh: '暂停', en: 'pause' },
  time_days: { zh: '按天', en: 'by day' },
  time_hours: { zh: '按小时', en: 'by hour' },
  complaints: { zh: '投诉', en: 'complaints' },
  site: { zh: '基站', en: 'cell' },
  incidents: { zh: '重要投诉', en: 'Major complaint incidents' },
  incidents_none: { zh: '所选时段内没有重要投诉', en: 'no major incidents in this period' },
  status_open: { zh: '进行中', en: 'open' },
  status_closed: { zh: '已结束', en: 'closed' },
  handling_new: { zh: '待处理', en: 'new' },
  handling_acknowledged: { zh: '已受理', en: 'acknowledged' },
  handling_resolved: { zh: '已解决', en: 'resolved' },
  acknowledge: { zh: '受理', en: 'Acknowledge' },
  resolve: { zh: '解决', en: 'Resolve' },
  root_cause: { zh: '根因', en: 'root cause' },
  handled_by: { zh: '处理人', en: 'Your name (kept with the acknowledgement)' },
  rates: { zh: '万投比（次/万用户）对比目标', en: 'Complaints per 10k subscribers vs target' },
  rates_target: { zh: '目标', en: 'target' },
  rates_no_subscribers: { zh: '无用户数', en: 'no subscriber count' },
  rates_trend: { zh: '月度趋势', en: 'monthly trend' },
  kpis: { zh: '服务承诺指标', en: 'Service-commitment KPIs' },
  kpi_complaints: { zh: '投诉量', en: 'Complaints' },
  kpi_on_time: { zh: '工单回复及时率', en: 'On-time reply rate' },
  kpi_resolution: { zh: '问题解决比例', en: 'Resolution ratio' },
  kpi_compliance: { zh: '服务承诺达标率', en: 'Commitment compliance' },
  kpi_satisfaction: { zh: '回访满意率', en: 'Satisfaction rate' },
  kpi_month: { zh: '月份', en: 'month' },
  coverage: { zh: '弱覆盖区域', en: 'Weak-coverage hexagons' },
  candidates: { zh: '建站候选点', en: 'Site candidates' },
  coverage_days: { zh: '天', en: 'days' },
  coverage_nearest: { zh: '最近基站', en: 'nearest site' },
  candidate_proposed: { zh: '建议建站', en: 'proposed' },
  candidate_no_investment: { zh: '无投资价值', en: 'no investment value' },
  candidate_planned_site: { zh: '已有规划', en: 'planned site' },
  list_empty: { zh: '暂无', en: 'none' },
  lookup: { zh: '前台查询', en: 'Front-desk look-up' },
  lookup_lat: { zh: '纬度', en: 'lat' },
  lookup_lon: { zh: '经度', en: 'lon' },
  lookup_cell: { zh: '或小区ID', en: 'or cell ID' },
  lookup_at: { zh: '时间', en: 'time' },
  lookup_go: { zh: '查询', en: 'Look up' },
  lookup_need_point: { zh: '请输入经纬度或小区ID', en: 'enter a point or a cell ID' },
  lookup_events: { zh: '生效中的网络事件', en: 'network events in force' },
  lookup_incidents: { zh: '附近的重要投诉', en: 'incidents nearby' },
  lookup_weak: { zh: '已知弱覆盖区域', en: 'known weak-coverage area' },
  lookup_planned: { zh: '规划建设区域', en: 'planned construction area' },
  lookup_no_investment: { zh: '无投资价值区域', en: 'no-investment area' },
  not_available: { zh: '该功能在此服务器上不可用', en: 'not available on this server' },
  load_failed: { zh: '加载失败', en: 'could not load' },
  loading: { zh: '加载中…', en: 'loading…' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  triage_title: { zh: '工单分拣与考核', en: 'Triage and appraisal' },
  triage_rate: { zh: '投诉率', en: 'Rate /10k' },
  triage_compliance: { zh: '达标率', en: 'Compliance' },
  triage_points: { zh: '得分 (4+5)', en: 'Points (4+5)' },
  triage_pick: { zh: '点击数字查看工单', en: 'Click a count to list its complaints' },
} as const satisfies Record<string, Record<Language, string>>;

export type StringKey = keyof typeof STRINGS;

const NAMES: Record<string, Record<Language, string>> = {
  weak_coverage: { zh: '弱覆盖', en: 'weak coverage' },
  no_signal: { zh: '无信号', en: 'no signal' },
  call_drop: { zh: '掉话', en: 'call drop' },
  slow_data: { zh: '上网慢', en: 'slow data' },
  voice_quality: { zh: '通话质量差', en: 'voice quality' },
  no_service: { zh: '无服务', en: 'no service' },
  other: { zh: '其他', en: 'other' },
  outage: { zh: '故障', en: 'outage' },
  maintenance: { zh: '维护', en: 'maintenance' },
  planned_construction: { zh: '规划建设', en: 'planned construction' },
  no_investment: { zh: '无投资价值', en: 'no investment' },
  fault: { zh: '设备故障', en: 'fault' },
  coverage: { zh: '覆盖不足', en: 'coverage' },
  capacity: { zh: '容量不足', en: 'capacity' },
  interference: { zh: '干扰', en: 'interference' },
  external: { zh: '外部原因', en: 'external' },
  unknown: { zh: '原因不明', en: 'unknown' },
};

const STORAGE_KEY = 'cellpulse.language';
let current: Language = initialLanguage();
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function language(): Language {
  return current;
}

/** Switches the language, remembers it, and lets every panel redraw its labels. */
export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

export function t(key: StringKey): string {
  return STRINGS[key][current];
}

/** A category, event kind or other enum value in the current language (the value itself if unknown). */
export function nameOf(value: string): string {
  return NAMES[value]?.[current] ?? value;
}

/** Fills every `[data-i18n]` element of the static page with its string. */
export function applyStaticStrings(root: ParentNode = document): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n as StringKey;
    if (key in STRINGS) node.textContent = t(key);
  }
}

/** A number with the current locale's grouping, `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A share 0..1 as a percentage with two decimals (the seed's KPIs read 92.29%), or a dash. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value * 100, 2)}%`;
}
