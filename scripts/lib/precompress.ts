import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin } from "vite";

// Brotli at its best quality (11) beside each script and stylesheet of the client build (`X.js.br`), written once
// at build time; server.js sends it to a browser that accepts `br` (decision 0017). On-the-fly compression by
// the `compression` middleware is gzip (level 6) or brotli at quality 4: SurveyJS's 1.6 MB script is 361 KB as
// gzip, 278 KB as brotli 11 — half a second less on a 1.6 Mbit/s link.

const brotli = promisify(zlib.brotliCompress);
export const PRECOMPRESSED = /\.(js|css)$/;

export async function brotliFile(file: string): Promise<void> {
  const body = await fs.readFile(file);
  const packed = await brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  await fs.writeFile(`${file}.br`, packed);
}

export function precompressPlugin(): Plugin {
  return {
    name: "ita-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      if (this.environment?.name !== "client" || !options.dir) return;
      const files = Object.keys(bundle).filter((name) => PRECOMPRESSED.test(name));
      await Promise.all(files.map((name) => brotliFile(path.join(options.dir!, name))));
    },
  };
}
