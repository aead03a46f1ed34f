// Staff bulk import (批量导入) at province scale: .xlsx and .csv sheets uploaded to the gateway's
// POST /api/v1/institutions/:id/staff/import (parse → staff.member.import over NATS → every row
// validated, vetted and stored with its events and audit entry), vs COPY of the same rows into
// PostgreSQL in the same run.
//
//   BENCH_IMPORT_SIZES (default "10000,100000") rows per format; BENCH_IMPORT_FORMATS ("csv,xlsx");
//   BENCH_IMPORT_CONCURRENCY (default 4) sheets in flight, each for its own institution;
//   BENCH_PROFILE=1 starts the staff service with --cpu-prof (bench/results/profiles/).
//
// The platform caps a sheet at STAFF_IMPORT_MAX_ROWS (1,000) rows and 2 MB, so N rows are N/1,000
// sheets for N/1,000 institutions. The institutions are inserted into the staff service's own
// replica table (staff.institution_replica): the registry's filing flow is not what is measured.
import ExcelJS from 'exceljs';
import pg from 'pg';
import { ensurePostgresBinaries } from '../deploy/local/install.mjs';
import { makeResidentId } from '../libs/common/dist/index.js';
import { CLASS_TYPE_LABELS, EMPLOYMENT_TYPE_LABELS, STAFF_IMPORT_MAX_ROWS, STAFF_ROLE_LABELS } from '../libs/contracts/dist/index.js';
import { copyThroughPsql, note as noteFor, row, writeResult } from './lib/infra.mjs';
import { adminToken, startBenchStack } from './lib/stack.mjs';

const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '10000,100000').split(',').map(Number);
const FORMATS = (process.env.BENCH_IMPORT_FORMATS ?? 'csv,xlsx').split(',');
const CONCURRENCY = Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 4);
const PER_SHEET = STAFF_IMPORT_MAX_ROWS;
const HEADER = ['姓名', '身份证号', '岗位', '用工形式', '班型', '班级', '入职日期'];
const ROLES = ['carer', 'carer', 'carer', 'teacher', 'health_worker', 'cook', 'director'].filter((r) => r in STAFF_ROLE_LABELS);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '丽芳娜敏静秀英华慧巧美娟霞平红玲艳萍';
const note = noteFor('import');

/** Person number p → one sheet row (labels as operators write them) and the same row as codes for COPY. */
function person(p) {
  const day = new Date(Date.UTC(1975, 0, 1) + Math.floor(p / 900) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const idNumber = makeResidentId(`330106${day}${String(100 + (p % 900)).padStart(3, '0')}`);
  const name = SURNAMES[p % SURNAMES.length] + GIVEN[Math.floor(p / 20) % GIVEN.length] + GIVEN[Math.floor(p / 400) % GIVEN.length];
  const role = ROLES[p % ROLES.length];
  const classType = role === 'carer' ? ['infant', 'toddler', 'older'][p % 3] : null;
  return {
    cells: [
      name,
      idNumber,
      STAFF_ROLE_LABELS[role],
      EMPLOYMENT_TYPE_LABELS.full_time,
      classType ? CLASS_TYPE_LABELS[classType] : '',
      classType ? `${CLASS_TYPE_LABELS[classType]}${1 + (p % 3)}班` : '',
      '2026-03-01',
    ],
    codes: [name, idNumber, role, 'full_time', classType ?? '', classType ? `${CLASS_TYPE_LABELS[classType]}${1 + (p % 3)}班` : '', '2026-03-01'],
  };
}

const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csvOf = (rows) => `${[HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

async function xlsxOf(rows) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('从业人员');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn(2).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const profile = process.env.BENCH_PROFILE ? ['staff', 'gateway'] : [];
const stack = await startBenchStack({
  name: 'import',
  services: ['staff'],
  profile,
  pgSettings: process.env.BENCH_PG_LOG ? { log_min_duration_statement: 0 } : {},
});
const db = new pg.Client({ connectionString: stack.pg.url });
await db.connect();
const bins = ensurePostgresBinaries();
const rows = [];
const growth = [];
try {
  // The staff schema exists once the service has migrated (the stack is healthy by now).
  const token = await adminToken(stack);
  await db.query(`CREATE SCHEMA bench_copy; CREATE TABLE bench_copy.staff_rows (institution_id uuid NOT NULL, name text NOT NULL, id_number text NOT NULL, role text NOT NULL,
    employment_type text NOT NULL, class_type text, class_name text, start_date date NOT NULL, PRIMARY KEY (institution_id, id_number))`);
  let personNo = 0;
  let institutionNo = 0;
  for (const size of SIZES) {
    for (const format of FORMATS) {
      const sheets = Math.ceil(size / PER_SHEET);
      const institutions = Array.from({ length: sheets }, () => `00000000-0000-4000-8000-${String(++institutionNo).padStart(12, '0')}`);
      await db.query(
        `INSERT INTO staff.institution_replica (id, name, division_code, owner_user_id, status, places, source_version)
         SELECT id, '基准托育机构 ' || id, '330106109', NULL, 'filed', '{"infant":20,"toddler":60,"older":60,"mixed":0}'::jsonb, 1 FROM unnest($1::uuid[]) AS id`,
        [institutions],
      );
      // Build every sheet before the clock starts (the operator's side).
      const built = [];
      const copyLines = [];
      for (let s = 0; s < sheets; s++) {
        const count = Math.min(PER_SHEET, size - s * PER_SHEET);
        const people = Array.from({ length: count }, () => person(personNo++));
        built.push({
          institutionId: institutions[s],
          count,
          body: format === 'csv' ? Buffer.from(csvOf(people.map((x) => x.cells))) : await xlsxOf(people.map((x) => x.cells)),
        });
        for (const x of people) copyLines.push([institutions[s], ...x.codes].map(csvCell).join(','));
      }
      const copyMs = await copyThroughPsql(bins, stack.pg, 'bench_copy.staff_rows', `${copyLines.join('\n')}\n`);
      const copyRate = size / (copyMs / 1000);

      let next = 0;
      let accepted = 0;
      let rejected = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < built.length) {
            const sheet = built[next++];
            const form = new FormData();
            form.append('file', new Blob([sheet.body]), `staff.${format}`);
            const res = await fetch(`${stack.base}/api/v1/institutions/${sheet.institutionId}/staff/import`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
              body: form,
            });
            const body = await res.json();
            if (res.status !== 200) throw new Error(`import returned ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
            accepted += body.accepted.length;
            rejected += body.rejected.length;
            if (body.rejected.length && rejected === body.rejected.length) note(`first rejection: ${JSON.stringify(body.rejected[0]).slice(0, 300)}`);
          }
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      const rate = size / seconds;
      note(
        `${size} rows as ${format} (${sheets} sheets, ${CONCURRENCY} in flight): ${seconds.toFixed(1)} s, ${Math.round(rate)} rows/s, accepted ${accepted}, rejected ${rejected}; COPY ${Math.round(copyMs)} ms (${Math.round(copyRate)} rows/s)`,
      );
      growth.push({
        format,
        rows: size,
        seconds: Number(seconds.toFixed(1)),
        rowsPerSecond: Math.round(rate),
        accepted,
        rejected,
        copyMs: Math.round(copyMs),
        copyRowsPerSecond: Math.round(copyRate),
        percentOfCopy: Number(((100 * rate) / copyRate).toFixed(2)),
      });
      rows.push(
        row({
          name: `Staff bulk import, ${format} (${size.toLocaleString('en-US')} rows)`,
          baselineName: 'COPY of the same rows',
          baseline: copyRate,
          figure: rate,
          unit: 'rows/s',
          goal: '≥ 10%',
          met: rate / copyRate >= 0.1 && accepted === size,
        }),
      );
      await db.query('TRUNCATE bench_copy.staff_rows');
    }
  }
} finally {
  if (process.env.BENCH_PG_LOG) (await import('node:fs')).copyFileSync(stack.pg.logFile, process.env.BENCH_PG_LOG);
  await db.end();
  await stack.stop();
}
// Growth: rows/s per size and format, so a cost that grows with the data already stored shows.
for (const format of FORMATS)
  note(
    `growth ${format}: ${growth
      .filter((g) => g.format === format)
      .map((g) => `${g.rows} rows ${g.rowsPerSecond} rows/s (${g.percentOfCopy}% of COPY)`)
      .join(' → ')}`,
  );
writeResult('import', { benchmark: 'import', date: new Date().toISOString(), sizes: SIZES, formats: FORMATS, concurrency: CONCURRENCY, growth, rows });
