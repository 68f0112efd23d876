// heic-convert ships no types; this is the one call we make.
declare module 'heic-convert' {
  interface HeicConvertOptions {
    buffer: Uint8Array | ArrayBuffer;
    format: 'JPEG' | 'PNG';
    /** 0 to 1, JPEG only. */
    quality?: number;
  }
  export default function heicConvert(options: HeicConvertOptions): Promise<ArrayBuffer>;
}
