import type { InputKind } from '../domain/enums.js';

/** One input field: its canonical (English) name, the other header names accepted, and whether it must be present. */
export interface FieldSpec {
  name: string;
  aliases: readonly string[];
  required: boolean;
}

const field = (name: string, aliases: string[], required = false): FieldSpec => ({ name, aliases, required });

/** The columns of each input kind (SPEC §1); header names are matched case-insensitively. */
export const FIELDS: Record<InputKind, readonly FieldSpec[]> = {
  complaints: [
    field('complaint_id', ['工单号', 'id'], true),
    field('received_at', ['受理时间'], true),
    field('city', ['地市'], true),
    field('category', ['投诉类型'], true),
    field('technology', ['网络制式'], true),
    field('lat', ['纬度', 'latitude']),
    field('lon', ['经度', 'lng', 'longitude']),
    field('cell_id', ['小区ID', '小区id']),
    field('replied_at', ['回复时间']),
    field('resolved_at', ['解决时间']),
    field('resolution', ['处理结果']),
    field('satisfied', ['回访满意']),
  ],
  sites: [
    field('cell_id', ['小区ID', '小区id'], true),
    field('site_id', ['基站ID', '基站id'], true),
    field('city', ['地市'], true),
    field('technology', ['网络制式'], true),
    field('lat', ['纬度', 'latitude'], true),
    field('lon', ['经度', 'lng', 'longitude'], true),
    field('azimuth', ['方位角']),
    field('status', ['状态']),
  ],
  subscribers: [
    field('city', ['地市'], true),
    field('technology', ['网络制式'], true),
    field('month', ['月份'], true),
    field('subscribers', ['用户数'], true),
  ],
  events: [
    field('event_id', ['事件ID', '事件id', 'id']),
    field('cell_id', ['小区ID', '小区id']),
    field('lat', ['纬度', 'latitude']),
    field('lon', ['经度', 'lng', 'longitude']),
    field('radius_m', ['半径', 'radius']),
    field('kind', ['事件类型', 'type'], true),
    field('starts_at', ['开始时间'], true),
    field('ends_at', ['结束时间']),
    field('note', ['备注']),
  ],
};

/**
 * Fields the check queries only cast (TRY_CAST to a timestamp or a number) and quote in reasons,
 * so a typed column (Parquet) may reach them as it is, not as text parsed back.
 */
export const CAST_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'received_at',
  'replied_at',
  'resolved_at',
  'starts_at',
  'ends_at',
  'lat',
  'lon',
  'azimuth',
  'radius_m',
]);
