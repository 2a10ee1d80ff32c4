/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Remote chart and article images are shown as plain <img> with explicit
  // sizes: no image optimizer, so the server never fetches arbitrary URLs.
  images: { unoptimized: true },
  serverExternalPackages: ["better-sqlite3"],
};

export default nextConfig;
