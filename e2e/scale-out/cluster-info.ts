// What e2e/scale-out/cluster.ts started, for the specs.
import { readFileSync } from "node:fs";
import path from "node:path";

export const INSTANCE_PORTS = [3111, 3112];
export const NGINX_PORT = 3110;
export const CLUSTER_FILE = path.resolve("e2e/.artifacts/scale-out-cluster.json");

export type Cluster = {
  databaseUrl: string;
  contentDir: string;
  instances: { url: string; pid: number }[];
  nginx: string;
};

export function readCluster(): Cluster {
  return JSON.parse(readFileSync(CLUSTER_FILE, "utf8")) as Cluster;
}
