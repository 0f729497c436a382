import QRCode from "qrcode";

/** A QR code as an SVG document (black on white, with the standard quiet zone), for inline use in a page. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 4,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

/** The public link of a round's EIT for one channel. */
export function eitLink(publicUrl: string, slug: string, channelKey: string): string {
  return `${publicUrl}/s/${slug}?c=${encodeURIComponent(channelKey)}`;
}

/** The IIT link carrying a one-time code in the fragment (never sent to the server by the browser). */
export function iitCodeLink(publicUrl: string, slug: string, code: string): string {
  return `${publicUrl}/s/${slug}/iit#${code}`;
}
