/* menu: the course's lesson list; the faces are declared in ui/ui.h. */
#ifndef RNNTUTOR_MENU_H
#define RNNTUTOR_MENU_H
#include "ui/ui.h"
#endif
