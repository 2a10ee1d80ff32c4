// nginx configurations the tests and the bench start: a throwaway server
// (foreground, one worker, every path in one folder) and the load balancer
// README.md shows in front of several instances.
import { writeFileSync } from "node:fs";
import path from "node:path";

/** A throwaway nginx config around `blocks` (inside `http { }`): pid, logs and buffers live in `dir`. */
export function throwawayNginxConfig(dir: string, blocks: string): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
${blocks}
}
`;
}

/** Writes the config to `dir`/nginx.conf; returns the arguments that start nginx on it. */
export function writeNginxConfig(dir: string, blocks: string): string[] {
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, throwawayNginxConfig(dir, blocks));
  return ["-c", file, "-e", path.join(dir, "error.log")];
}

/**
 * README.md's load balancer: round robin over the instances on 127.0.0.1
 * `upstreamPorts`, keepalive to them, and a request that fails on one
 * (error, timeout, 502, 503) retried on the next.
 */
export function loadBalancerBlocks(listenPort: number, upstreamPorts: number[]): string {
  return `  upstream finews {
    ${upstreamPorts.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join("\n    ")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://finews;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries ${upstreamPorts.length};
    }
  }`;
}
