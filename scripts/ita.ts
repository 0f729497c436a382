// `npm run --silent ita -- <command> [args]`: the ITA method and a round's results from the command line.
import { ita } from "./ita/program";
import { main } from "./lib/cli";

await main(ita);
