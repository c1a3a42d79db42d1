import { cellsToMultiPolygon } from 'h3-js';
import type { FeatureCollection } from 'geojson';
import type { Incident, IncidentRow } from '../../domain/incident.js';

/** Incidents as a GeoJSON FeatureCollection: each incident's hexagons as one MultiPolygon, its fields as properties. */
export function incidentsToGeoJson(incidents: readonly Incident[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: incidents.map((incident) => ({
      type: 'Feature',
      id: incident.incident_id,
      geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(incident.hexes, true) },
      properties: { ...incident },
    })),
  };
}

/**
 * Incidents flattened for a table (CSV): lists joined with ';', the centroid split in two, handling
 * and significance spread out.
 */
export function incidentsToRows(incidents: readonly Incident[]): IncidentRow[] {
  return incidents.map(({ centroid, hexes, cell_ids, complaint_ids, handling, significance, ...rest }) => ({
    ...rest,
    hexes: hexes.join(';'),
    cell_ids: cell_ids.join(';'),
    complaint_ids: complaint_ids.join(';'),
    centroid_lat: centroid.lat,
    centroid_lon: centroid.lon,
    handling_state: handling.state,
    acknowledged_at: handling.acknowledged_at,
    acknowledged_by: handling.acknowledged_by,
    resolved_at: handling.resolved_at,
    resolved_by: handling.resolved_by,
    root_cause: handling.root_cause,
    handling_note: handling.note,
    p_value: significance?.p_value ?? null,
    recurrence_interval_days: significance?.recurrence_interval_days ?? null,
  }));
}
