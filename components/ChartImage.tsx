type Props = { src: string; label: string; width: number; height: number; className?: string };

/**
 * A remote stock-chart image at a fixed size. The placeholder (company name +
 * code) sits underneath; when the image fails, the site-wide handler in
 * components/ImageFallback.tsx marks it and CSS hides it, so readers never see
 * a broken-image icon and the layout never moves.
 */
export function ChartImage({ src, label, width, height, className = "" }: Props) {
  return (
    <span
      className={`chart-frame relative block shrink-0 overflow-hidden rounded-md border border-stone-200 bg-stone-100 dark:border-stone-700 dark:bg-stone-800 ${className}`}
      style={{ width, maxWidth: "100%", aspectRatio: `${width} / ${height}` }}
    >
      <span className="absolute inset-0 flex items-center justify-center px-1 text-center text-xs leading-snug text-stone-600 dark:text-stone-300">
        {label}
      </span>
      {/* eslint-disable-next-line @next/next/no-img-element -- remote chart, deliberately not proxied */}
      <img
        src={src}
        alt={`${label} 股价走势图`}
        width={width}
        height={height}
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
        className="relative h-full w-full object-contain"
      />
    </span>
  );
}
