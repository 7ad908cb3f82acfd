/* simcmd: `rnntutor sim`, a simulation run headless.
 *
 *   rnntutor sim --list
 *   rnntutor sim NAME [PARAM=VALUE ...] [--format=text|tsv|csv] [--time]
 *   rnntutor sim [NAME] --help
 *
 * text is for people (scalars, then a table of the series); tsv and csv give
 * a header row naming the columns and then one row per step (a simulation
 * with a summary table, such as matrix-power, gives that table instead).
 * Numbers in tsv and csv are the shortest text that reads back exactly.
 * --time adds "sim-time: SECONDS s" on err (the run alone, without output).
 *
 * Nothing here touches the terminal: output goes to the FILEs given. */
#ifndef RNNTUTOR_CLI_SIMCMD_H
#define RNNTUTOR_CLI_SIMCMD_H

#include <stdio.h>

/* argv[0] is "sim". Returns the exit status: 0 done, 1 the run or the
 * output failed, 2 bad usage or input (unknown simulation or parameter, a
 * value that does not parse or is out of range), with one line per problem
 * on err. */
int cli_sim_main(int argc, char **argv, FILE *out, FILE *err);

#endif
