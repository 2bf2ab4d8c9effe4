#version 300 es
// Colours a grid of scalar samples (R32F, row 0 at the top) with bilinear
// interpolation done here, since R32F is not filterable in WebGL2.
//   u_map 0: diverging, Playground's orange (lo) → white → blue (hi)
//   u_map 1: sequential (viridis-like) from lo to hi
// Contour lines: u_levels iso-lines between lo and hi, anti-aliased with fwidth.
precision highp float;
uniform highp sampler2D u_grid;
uniform vec2 u_range;      // lo, hi
uniform int u_map;
uniform int u_levels;      // 0: no contour lines
uniform bool u_discretize; // diverging map only: two flat colours split at the middle
uniform float u_opacity;
in vec2 v_uv;
out vec4 out_colour;

float sample_grid(vec2 uv) {
  ivec2 size = textureSize(u_grid, 0);
  vec2 p = uv * vec2(size - 1);
  ivec2 i0 = ivec2(floor(p));
  ivec2 i1 = min(i0 + 1, size - 1);
  vec2 f = p - vec2(i0);
  float a = texelFetch(u_grid, ivec2(i0.x, i0.y), 0).r;
  float b = texelFetch(u_grid, ivec2(i1.x, i0.y), 0).r;
  float c = texelFetch(u_grid, ivec2(i0.x, i1.y), 0).r;
  float d = texelFetch(u_grid, ivec2(i1.x, i1.y), 0).r;
  return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
}

vec3 diverging(float t) {
  const vec3 orange = vec3(0.961, 0.576, 0.133);  // #f59322
  const vec3 white = vec3(0.91, 0.92, 0.92);
  const vec3 blue = vec3(0.031, 0.467, 0.741);    // #0877bd
  return t < 0.5 ? mix(orange, white, t * 2.0) : mix(white, blue, t * 2.0 - 1.0);
}

vec3 sequential(float t) {
  // Five viridis stops.
  const vec3 c0 = vec3(0.267, 0.005, 0.329), c1 = vec3(0.229, 0.322, 0.546), c2 = vec3(0.128, 0.567, 0.551);
  const vec3 c3 = vec3(0.369, 0.789, 0.383), c4 = vec3(0.993, 0.906, 0.144);
  float s = t * 4.0;
  if (s < 1.0) return mix(c0, c1, s);
  if (s < 2.0) return mix(c1, c2, s - 1.0);
  if (s < 3.0) return mix(c2, c3, s - 2.0);
  return mix(c3, c4, s - 3.0);
}

void main() {
  float value = sample_grid(v_uv);
  if (isnan(value)) { out_colour = vec4(0.6, 0.6, 0.6, u_opacity); return; }  // undefined cells
  float t = clamp((value - u_range.x) / max(u_range.y - u_range.x, 1e-12), 0.0, 1.0);
  if (u_map == 0 && u_discretize) t = t < 0.5 ? 0.15 : 0.85;
  vec3 colour = u_map == 0 ? diverging(t) : sequential(t);
  if (u_levels > 0) {
    float level = t * float(u_levels);
    float distance_to_line = abs(fract(level + 0.5) - 0.5) / max(fwidth(level), 1e-6);
    colour = mix(colour * 0.55, colour, clamp(distance_to_line - 0.5, 0.0, 1.0));
  }
  out_colour = vec4(colour, u_opacity);
}
