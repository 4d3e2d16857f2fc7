#!/usr/bin/env bash
# Vendor the dashboard's static assets from npm into src/eventledger/web/static/.
# Run by hand when upgrading; the results are committed so that serving needs no network or CDN.
#   leaflet     -> static/vendor/leaflet/ (map library, BSD-2-Clause)
#   swagger-ui-dist -> static/vendor/swagger-ui/ (the /docs page, Apache-2.0)
#   d3          -> static/vendor/d3/ (timeline and actor network: scales, zoom, force layout; ISC)
#   world-atlas -> static/geo/*.geojson  (Natural Earth boundaries, public domain), converted
#                  from TopoJSON with topojson-client and rounded to 3 decimals to stay small.
set -euo pipefail
LEAFLET_VERSION=1.9.4
WORLD_ATLAS_VERSION=2.0.2
TOPOJSON_CLIENT_VERSION=3.1.0
SWAGGER_UI_VERSION=5.35.0
D3_VERSION=7.9.0
here="$(cd "$(dirname "$0")/.." && pwd)"
static="$here/src/eventledger/web/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund "leaflet@$LEAFLET_VERSION" "world-atlas@$WORLD_ATLAS_VERSION" \
  "topojson-client@$TOPOJSON_CLIENT_VERSION" "swagger-ui-dist@$SWAGGER_UI_VERSION" "d3@$D3_VERSION" >/dev/null
mkdir -p "$static/vendor/leaflet/images" "$static/geo"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$static/vendor/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$static/vendor/leaflet/images/"
cp node_modules/leaflet/LICENSE "$static/vendor/leaflet/LICENSE"
mkdir -p "$static/vendor/swagger-ui"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
  node_modules/swagger-ui-dist/LICENSE "$static/vendor/swagger-ui/"
mkdir -p "$static/vendor/d3"
cp node_modules/d3/dist/d3.min.js node_modules/d3/LICENSE "$static/vendor/d3/"
cp node_modules/world-atlas/LICENSE "$static/geo/LICENSE-world-atlas"
node - "$static/geo" <<'JS'
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");
const out = process.argv[2];
// Iraq and its neighbours get the finer 1:50m outlines; the rest of the world 1:110m.
const REGION = new Set(["368", "364", "760", "792", "682", "400", "414"]);
const round = (v) => Array.isArray(v) ? v.map(round) : Math.round(v * 1000) / 1000;
function convert(file, keep) {
  const topo = JSON.parse(fs.readFileSync(path.join("node_modules/world-atlas", file)));
  const fc = topojson.feature(topo, topo.objects.countries);
  fc.features = fc.features.filter((f) => keep(f)).map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name, id: f.id },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }));
  return fc;
}
fs.writeFileSync(path.join(out, "world-110m.geojson"), JSON.stringify(convert("countries-110m.json", () => true)));
fs.writeFileSync(path.join(out, "region-50m.geojson"), JSON.stringify(convert("countries-50m.json", (f) => REGION.has(f.id))));
JS
echo "vendored into $static"
