// A QR code of a join link, as one SVG path (drawn by Vue, never injected as HTML). The library is
// loaded only when a learner shows the code.
export interface QrPicture {
  /** Modules per side, the quiet zone excluded. */
  size: number
  /** One square per dark module, in module units, shifted by the 4-module quiet zone. */
  path: string
}

export const QUIET_ZONE = 4

export async function qrPicture(text: string): Promise<QrPicture> {
  const { create } = await import('qrcode')
  const code = create(text, { errorCorrectionLevel: 'M' })
  const { size, data } = code.modules
  let path = ''
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (data[y * size + x]) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`
  }
  return { size, path }
}
