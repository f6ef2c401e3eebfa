/* The atomic file writer lives in the library (src/util/atomic_file.h). */
#include "util/atomic_file.h"
