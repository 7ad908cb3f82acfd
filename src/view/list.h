/* list: the selection in a list of n rows (the lesson menu, the outline,
 * search results, lesson errors) and which rows show.
 *
 * Pure functions of numbers; nothing is allocated. */
#ifndef RNNTUTOR_VIEW_LIST_H
#define RNNTUTOR_VIEW_LIST_H

#include <stddef.h>

#include "view/keys.h"

/* The selection after VIEW_ACT_SELECT_NEXT, _PREV, _FIRST or _LAST from
 * sel in a list of n rows; it stops at the ends. Other actions: sel. */
size_t view_list_move(size_t sel, size_t n, enum view_act act);
/* The first row to show so that sel shows among visible rows. */
size_t view_list_first(size_t sel, size_t visible);

#endif
