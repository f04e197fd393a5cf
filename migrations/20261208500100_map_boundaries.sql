-- The boundaries of the county's townships and villages for the map of where petitions come from
-- (issue #19 §3): one GeoJSON FeatureCollection the system administrator uploads, checked before it
-- is stored (Polygon/MultiPolygon features whose region codes are units of the network). At most one
-- row: a new upload replaces the old one in the same transaction as its audit row.
CREATE TABLE map_boundaries (
  id            smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  geojson       jsonb NOT NULL,
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  feature_count integer NOT NULL CHECK (feature_count >= 1),
  size_bytes    integer NOT NULL CHECK (size_bytes >= 1),
  region_codes  text[] NOT NULL,
  uploaded_by   uuid REFERENCES users (id),
  uploaded_at   timestamptz NOT NULL
);
