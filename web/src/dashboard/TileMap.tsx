import { Typography } from 'antd';

/**
 * A schematic map of a district's streets: one tile per street from the division table, placed
 * roughly where the street lies (西湖区), or in code order elsewhere. No map tiles, no internet.
 */
const LAYOUTS: Record<string, Record<string, [number, number]>> = {
  // 西湖区: 三墩 in the north, 双浦 in the south, the lake's streets in the east (schematic, not to scale).
  '330106': {
    '330106109': [1, 0],
    '330106004': [2, 0],
    '330106013': [0, 1],
    '330106015': [1, 1],
    '330106005': [2, 1],
    '330106002': [3, 1],
    '330106011': [0, 2],
    '330106014': [1, 2],
    '330106001': [2, 2],
    '330106012': [0, 3],
    '330106008': [2, 3],
    '330106110': [1, 4],
  },
};

export interface TileDatum {
  code: string;
  name: string;
  value: number | null;
  text: string;
}

const TILE = 96;
const GAP = 6;

/** Light (low) to dark (high): blue for "more is better", red for "more is worse" (the gap). */
function colour(value: number | null, min: number, max: number, worse: boolean): string {
  if (value === null) return '#e0e0e0';
  const t = max === min ? 0.5 : (value - min) / (max - min);
  const [r0, g0, b0, r1, g1, b1] = worse ? [253, 224, 221, 165, 15, 21] : [222, 235, 247, 8, 69, 148];
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(r0, r1)},${mix(g0, g1)},${mix(b0, b1)})`;
}

export function TileMap({ county, data, title, moreIsWorse = false }: { county: string; data: TileDatum[]; title: string; moreIsWorse?: boolean }) {
  const layout = LAYOUTS[county] ?? Object.fromEntries(data.map((d, i) => [d.code, [i % 4, Math.floor(i / 4)] as [number, number]]));
  const placed = data.filter((d) => layout[d.code]);
  const cols = Math.max(...placed.map((d) => layout[d.code]![0]), 0) + 1;
  const rows = Math.max(...placed.map((d) => layout[d.code]![1]), 0) + 1;
  const values = placed.map((d) => d.value).filter((v): v is number => v !== null);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = cols * (TILE + GAP);
  const height = rows * (TILE + GAP);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="tile-map"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width * 1.2 }}
        role="img"
        aria-label={`${title}：${placed.map((d) => `${d.name} ${d.text}`).join('，')}`}
      >
        {placed.map((d) => {
          const [x, y] = layout[d.code]!;
          const fill = colour(d.value, min, max, moreIsWorse);
          const dark = d.value !== null && (max === min ? 0.5 : (d.value - min) / (max - min)) > 0.55;
          return (
            <g key={d.code} transform={`translate(${x * (TILE + GAP)},${y * (TILE + GAP)})`}>
              <title>{`${d.name}：${d.text}`}</title>
              <rect width={TILE} height={TILE} rx={10} fill={fill} stroke="#fff" />
              <text x={TILE / 2} y={TILE / 2 - 6} textAnchor="middle" fontSize={14} fill={dark ? '#fff' : '#1a1a1a'}>
                {d.name}
              </text>
              <text x={TILE / 2} y={TILE / 2 + 16} textAnchor="middle" fontSize={15} fontWeight={600} fill={dark ? '#fff' : '#1a1a1a'}>
                {d.text}
              </text>
            </g>
          );
        })}
      </svg>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        示意图：按街道（乡镇）大致方位排列，非地理比例；灰色为暂无数据。
      </Typography.Text>
    </figure>
  );
}
