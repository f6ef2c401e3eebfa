/*
 * A search configuration read back from a journal's search.json (its
 * "config" object), for activ merge, which has only the journals.
 */
#ifndef ACTIV_SEARCH_CONFIG_READ_H
#define ACTIV_SEARCH_CONFIG_READ_H

#include <stddef.h>

#include "search/json.h"
#include "search/plan.h"

/*
 * Fills cfg from the "config" object of search.json; what names the file in
 * messages.  The result writes back to the same object (checked), so nothing
 * that changes results is lost.  0, or -1 with a message (cfg then freed).
 */
int search_config_from_json(const sjson *config, const char *what, search_config *cfg, char *err, size_t errlen);

#endif
