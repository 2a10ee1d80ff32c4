import { IMAGE_FALLBACK_SCRIPT } from "@/lib/image-fallback-script";

/** Marks failed remote images before React loads (see lib/image-fallback-script.ts). */
export function ImageFallback() {
  return <script dangerouslySetInnerHTML={{ __html: IMAGE_FALLBACK_SCRIPT }} />;
}
