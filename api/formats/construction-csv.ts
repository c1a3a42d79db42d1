import { LIST_ROUTES, type ConstructionListRow } from '../../analytics/coverage/construction-list.js';
import { toCsv } from './csv.js';

/** Column order of the construction department's list. */
const COLUMNS = [
  'candidate_id',
  'city',
  'status',
  'status_reason',
  'technology',
  'complaints',
  ...LIST_ROUTES,
  'hexes',
  'lat',
  'lon',
  'nearest_active_cell',
  'nearest_active_km',
  'nearest_planned_cell',
  'nearest_planned_km',
] as const;

const ZH_HEADERS: Record<(typeof COLUMNS)[number], string> = {
  candidate_id: '候选编号',
  city: '地市',
  status: '状态',
  status_reason: '状态说明',
  technology: '网络制式',
  complaints: '覆盖类投诉量',
  maintenance: '维护处理',
  reply_planned: '已有建设计划答复',
  reply_no_investment: '无投资价值答复',
  escalate: '升级专家',
  priority: '重要投诉',
  construction: '建设处理',
  optimisation: '优化处理',
  unlocated: '未定位',
  untriaged: '未分拣',
  hexes: 'H3六边形',
  lat: '建议站址纬度',
  lon: '建议站址经度',
  nearest_active_cell: '最近在网小区',
  nearest_active_km: '最近在网距离(km)',
  nearest_planned_cell: '最近规划小区',
  nearest_planned_km: '最近规划距离(km)',
};

const ZH_STATUS: Record<ConstructionListRow['status'], string> = {
  proposed: '建议新建',
  planned_site: '已有建设计划',
  no_investment: '无投资价值',
};

/**
 * The list as CSV that Excel opens as UTF-8 (a byte-order mark first), headers in English or Chinese;
 * with Chinese headers the status reads in Chinese too.
 */
export function constructionCsv(rows: readonly ConstructionListRow[], headers: 'en' | 'zh'): string {
  const body = toCsv(
    rows.map((row) => ({ ...row, ...(headers === 'zh' ? { status: ZH_STATUS[row.status] } : {}) })),
    COLUMNS,
  );
  if (headers === 'en') return `\uFEFF${body}`;
  const [, ...lines] = body.split('\n');
  return `\uFEFF${COLUMNS.map((c) => ZH_HEADERS[c]).join(',')}\n${lines.join('\n')}`;
}
