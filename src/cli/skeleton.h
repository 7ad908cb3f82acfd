/* skeleton: the commented lesson that --new-lesson ID prints, using every
 * block kind, ready to edit; it passes --check as it is. */
#ifndef RNNTUTOR_SKELETON_H
#define RNNTUTOR_SKELETON_H

#include <stdio.h>

/* Is id a valid lesson id (what lesson files accept)? */
int cli_skeleton_id_ok(const char *id);
/* Write the skeleton of a lesson called id. */
void cli_skeleton(FILE *out, const char *id);

#endif
