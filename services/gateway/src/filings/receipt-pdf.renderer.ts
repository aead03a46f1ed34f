import { createRequire } from 'node:module';
import type { ReceiptView } from '@shanyu/contracts';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
/** Noto Sans SC (SIL OFL), installed with the project; pdfkit embeds only the glyphs used. */
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

/** Where the receipt's QR code points: the public check of the receipt number. */
export function receiptVerificationUrl(publicBaseUrl: string, receiptNo: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/api/v1/public/receipts/${encodeURIComponent(receiptNo)}`;
}

const LEVEL_NAMES: Record<string, string> = { national: '国家', province: '省级', city: '市级', county: '区县', street: '街道（乡镇）' };

/**
 * The documents the filing was checked against, as the receipt names them: national ones by
 * title, local ones with their 文号 and jurisdiction (a 西湖区 receipt names 西湖区's notice; a 环翠区
 * one does not). A filing checked before rules by jurisdiction names the national documents.
 */
export function basisText(receipt: ReceiptView): string {
  if (receipt.basis.length === 0) return '《托育机构设置标准（试行）》《托育机构管理规范（试行）》及《托育机构登记和备案办法（试行）》';
  return receipt.basis
    .map((d) => {
      const title = d.title.startsWith('《') || d.title.includes('/T') ? d.title : `《${d.title}》`;
      const documentNo = d.level === 'national' ? undefined : d.sources[0]?.documentNo;
      return d.level === 'national'
        ? title
        : `${title}（${[documentNo, `${LEVEL_NAMES[d.level] ?? d.level}：${d.jurisdictionName}`].filter(Boolean).join('，')}）`;
    })
    .join('、');
}

/** 托育机构备案回执 as a one-page A4 PDF with a QR code to its public verification. */
export async function renderReceiptPdf(receipt: ReceiptView, publicBaseUrl: string): Promise<Buffer> {
  const url = receiptVerificationUrl(publicBaseUrl, receipt.receiptNo);
  const qr = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `托育机构备案回执 ${receipt.receiptNo}`, Author: receipt.issuingBureau } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(22).text('托育机构备案回执', { align: 'center' });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor('#444').text(`回执编号：${receipt.receiptNo}`, { align: 'center' });
  doc.moveDown(1.5).fillColor('#000').fontSize(13);
  doc.text(`${receipt.institutionName}：`);
  doc.moveDown(0.6).text(`你单位报送的托育机构备案材料收悉。经审核，材料齐全，符合${basisText(receipt)}的有关规定，予以备案。`, { indent: 26, lineGap: 6 });
  doc.moveDown(1.2).fontSize(12);
  const rows: [string, string][] = [
    ['机构名称', receipt.institutionName],
    ['统一社会信用代码', receipt.uscc],
    ['机构地址', receipt.address],
    ['所在区划', receipt.divisionName],
    ['备案日期', receipt.issuedOn],
    ['备案机关', receipt.issuingBureau],
  ];
  for (const [label, value] of rows) {
    doc.font('bold').text(`${label}：`, { continued: true }).font('regular').text(value, { lineGap: 5 });
  }
  const qrTop = doc.y + 24;
  doc.image(qr, 64, qrTop, { width: 120 });
  doc
    .fontSize(10)
    .fillColor('#444')
    .text('扫码核验本回执真伪与当前状态：', 200, qrTop + 20, { width: 330 });
  doc.text(url, 200, doc.y + 4, { width: 330 });
  doc
    .fillColor('#000')
    .fontSize(13)
    .text(receipt.issuingBureau, 64, qrTop + 170, { align: 'right' });
  doc.text(receipt.issuedOn, { align: 'right' });
  doc.end();
  return done;
}
