// Prisma's seed entry (`prisma db seed`): the same loader as `npm run db:setup`.
import "./setup";
