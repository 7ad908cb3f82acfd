/* pager: a lesson page on the screen; the faces are declared in ui/ui.h. */
#ifndef RNNTUTOR_PAGER_H
#define RNNTUTOR_PAGER_H
#include "ui/ui.h"
#endif
