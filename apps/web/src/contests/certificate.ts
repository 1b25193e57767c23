// Certificates for the top three of a closed contest, drawn on a canvas in the browser and
// saved as PNG. Text follows the UI language (zh-CN or en-US); nothing is sent to the server.
import type { Locale } from '@callsim/protocol';

export interface CertificateData {
  locale: Locale;
  rank: number;
  name: string;
  contestTitle: string;
  combinedScore: number;
  dateMs: number;
}

export const CERTIFICATE_WIDTH_PX = 1600;
export const CERTIFICATE_HEIGHT_PX = 1131;

const ZH_PLACES = ['一', '二', '三'];
const EN_PLACES = ['First', 'Second', 'Third'];
const MEDAL_COLORS = ['#d4a017', '#9ea7b3', '#b87333'];

function lines(data: CertificateData): {
  title: string;
  subtitle: string;
  body: string[];
  footer: string;
  date: string;
} {
  const date = new Date(data.dateMs);
  const score = data.combinedScore.toFixed(2);
  if (data.locale === 'zh-CN') {
    return {
      title: '荣 誉 证 书',
      subtitle: '最美语音客服',
      body: [
        `${data.name} 同学：`,
        `在“${data.contestTitle}”中表现出色，`,
        `荣获第${ZH_PLACES[data.rank - 1] ?? data.rank}名（综合得分 ${score}）。`,
        '特发此证，以资鼓励。',
      ],
      footer: 'callsim 语音客服实训平台',
      date: `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`,
    };
  }
  return {
    title: 'Certificate of Achievement',
    subtitle: 'Best Voice Agent',
    body: [
      'This certifies that',
      data.name,
      `won ${EN_PLACES[data.rank - 1] ?? `#${data.rank}`} Place in “${data.contestTitle}”`,
      `with a combined score of ${score}.`,
    ],
    footer: 'callsim voice customer service training',
    date: date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' }),
  };
}

/** Draws the certificate on `canvas` (resized to 1600 × 1131 px). */
export function drawCertificate(canvas: HTMLCanvasElement, data: CertificateData): void {
  canvas.width = CERTIFICATE_WIDTH_PX;
  canvas.height = CERTIFICATE_HEIGHT_PX;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('canvas 2d context unavailable');
  const w = CERTIFICATE_WIDTH_PX;
  const h = CERTIFICATE_HEIGHT_PX;
  const text = lines(data);
  const serif =
    data.locale === 'zh-CN' ? '"Noto Serif CJK SC", "Songti SC", "SimSun", serif' : 'Georgia, serif';
  const medal = MEDAL_COLORS[data.rank - 1] ?? '#1677ff';

  g.fillStyle = '#fffaf0';
  g.fillRect(0, 0, w, h);
  g.strokeStyle = '#b8860b';
  g.lineWidth = 14;
  g.strokeRect(40, 40, w - 80, h - 80);
  g.lineWidth = 3;
  g.strokeRect(70, 70, w - 140, h - 140);

  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillStyle = '#8b0000';
  g.font = `bold 96px ${serif}`;
  g.fillText(text.title, w / 2, 220);
  g.fillStyle = '#444';
  g.font = `44px ${serif}`;
  g.fillText(text.subtitle, w / 2, 320);

  g.fillStyle = '#222';
  g.font = `48px ${serif}`;
  text.body.forEach((line, i) => {
    g.fillText(line, w / 2, 450 + i * 80, w - 300);
  });

  // Medal with the place number.
  g.beginPath();
  g.arc(w - 280, h - 280, 90, 0, Math.PI * 2);
  g.fillStyle = medal;
  g.fill();
  g.fillStyle = '#fff';
  g.font = `bold 96px ${serif}`;
  g.fillText(String(data.rank), w - 280, h - 275);

  g.fillStyle = '#444';
  g.font = `36px ${serif}`;
  g.textAlign = 'left';
  g.fillText(text.footer, 180, h - 220);
  g.fillText(text.date, 180, h - 160);
}

/** Draws the certificate and starts a download of it as `file` (PNG). */
export async function downloadCertificate(data: CertificateData, file: string): Promise<void> {
  const canvas = document.createElement('canvas');
  drawCertificate(canvas, data);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
