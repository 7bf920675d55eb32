import { renderSVG } from "uqr";

/** The join link as a QR code (SVG from a library, so phones can scan it from a projector). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const svg = renderSVG(text, { ecc: "M", border: 2 });
  return <div class="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
