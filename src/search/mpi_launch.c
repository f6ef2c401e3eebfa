/* Whether mpirun or srun started us, from its environment, before any MPI call. */
#include <stdio.h>
#include <stdlib.h>

#include "search/mpi_driver.h"

static long env_long(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : -1;
}

int search_mpi_launched(void)
{
    long size = env_long("OMPI_COMM_WORLD_SIZE");
    if (size < 0) size = env_long("PMI_SIZE");
    /* srun --mpi=pmix names the rank but not the size */
    if (size < 0 && getenv("PMIX_RANK")) size = env_long("SLURM_NTASKS");
    return size > 1;
}

#ifndef ACTIV_HAVE_MPI
int search_mpi_execute(const search_options *o)
{
    long rank = env_long("OMPI_COMM_WORLD_RANK");
    if (rank < 0) rank = env_long("PMI_RANK");
    if (rank < 0) rank = env_long("PMIX_RANK");
    if (rank > 0) return 0;
    fprintf(stderr, "activ: this activ was built without MPI (cmake -DACTIV_MPI=ON needs libopenmpi-dev): "
                    "rank 0 runs the whole search alone and the other ranks exit\n");
    return search_execute(o);
}
#endif
