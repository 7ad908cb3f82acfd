/* help: the overlay listing every key; the face is declared in ui/ui.h. */
#ifndef RNNTUTOR_HELP_H
#define RNNTUTOR_HELP_H
#include "ui/ui.h"
#endif
