import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";
import BitMatrixParser from "@zxing/library/cjs/core/qrcode/decoder/BitMatrixParser";
import type BitMatrix from "@zxing/library/cjs/core/common/BitMatrix";
import type DecoderResult from "@zxing/library/cjs/core/common/DecoderResult";
import { PNG } from "pngjs";

/**
 * A QR reader that reads a code only the right way round. Most readers, ZXing's
 * among them, quietly retry a code that fails as its mirror image (its transpose),
 * so a mirrored code passes them; many phone cameras do not retry, and a mirrored
 * code is then unreadable. Here the decoder's retry is replaced by its first,
 * unmirrored attempt alone.
 */
interface UnmirroredDecoder {
  decodeBitMatrix(bits: BitMatrix, hints?: unknown): DecoderResult;
  decodeBitMatrixParser(parser: BitMatrixParser, hints?: unknown): DecoderResult;
}

function unmirroredReader(): QRCodeReader {
  const reader = new QRCodeReader();
  const decoder = (reader as unknown as { getDecoder(): UnmirroredDecoder }).getDecoder();
  decoder.decodeBitMatrix = (bits, hints) => decoder.decodeBitMatrixParser(new BitMatrixParser(bits), hints);
  return reader;
}

/** The text of the QR code in an RGBA image; throws when no code reads the right way round. */
export function readQr(rgba: Uint8Array, width: number, height: number, { mirrorRetry = false } = {}): string {
  // RGBLuminanceSource takes one 0xRRGGBB int per pixel (or, from a Uint8ClampedArray, bytes it treats as luminance).
  const pixels = new Int32Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (rgba[i * 4]! << 16) | (rgba[i * 4 + 1]! << 8) | rgba[i * 4 + 2]!;
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height)));
  const reader = mirrorRetry ? new QRCodeReader() : unmirroredReader();
  return reader.decode(bitmap).getText();
}

/** The text of the QR code in a PNG (a screenshot), read the right way round only. */
export function readQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  return readQr(image.data, image.width, image.height);
}

/** A module matrix (true = dark, [row][col]) as an RGBA image: `scale` pixels a module, a four-module quiet zone. */
export function rasterize(dark: boolean[][], scale = 6): { rgba: Uint8Array; width: number; height: number } {
  const n = dark.length;
  const width = (n + 8) * scale;
  const rgba = new Uint8Array(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const row = Math.floor(y / scale) - 4;
      const col = Math.floor(x / scale) - 4;
      if (dark[row]?.[col]) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { rgba, width, height: width };
}
