/*
 * The search over MPI ranks (mpirun -n N activ search ..., or srun): rank 0
 * opens the journal and hands out run indices one at a time as ranks ask for
 * them, so a slow activation holds up one rank, not the rest; every other
 * rank trains the run it was given and sends the run file's text back;
 * rank 0 checks it and writes it atomically, as the single-machine driver's
 * workers do, and at the end writes the one report.
 *
 * Rank 0 only coordinates: it polls with short sleeps (OpenMPI's blocking
 * receive would spin a core), so on its node the training ranks split all
 * the cores among themselves.  threads per rank = the cores the job has on
 * the node (the union of the ranks' CPU sets) / the training ranks there.
 */
#ifndef ACTIV_SEARCH_MPI_DRIVER_H
#define ACTIV_SEARCH_MPI_DRIVER_H

#include "search/search.h"

/* 1 when the launcher's environment (OpenMPI, PMI, PMIx under srun) says this is one of several ranks. */
int search_mpi_launched(void);

/*
 * The search over the ranks; every rank calls it and returns its exit status
 * (rank 0's is search_execute's).  With one rank, or in a build without MPI
 * (then rank 0 runs the whole search alone, with a warning, and the other
 * ranks exit at once), it is search_execute.
 */
int search_mpi_execute(const search_options *o);

#endif
