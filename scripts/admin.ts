// `npm run --silent admin -- <command> [options]`: agencies, users and round access from the command line.
import { admin } from "./admin/program";
import { main } from "./lib/cli";

await main(admin);
