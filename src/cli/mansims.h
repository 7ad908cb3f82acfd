/* mansims: the SIMULATIONS section of rnntutor-lesson(5), generated from
 * the registry so the manual cannot drift from the program. 'rnntutor sim
 * --man' prints it; 'make update-man' splices it into the page; a test
 * checks that the page holds exactly this text. */
#ifndef RNNTUTOR_MANSIMS_H
#define RNNTUTOR_MANSIMS_H

#include <stdio.h>

/* Write the section's mdoc text (without the BEGIN/END comment lines). */
void cli_sim_man(FILE *out);

#endif
