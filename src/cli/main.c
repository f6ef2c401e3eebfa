/* activ: explore the activation catalog from the command line. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *usage, *what;
} commands[] = {
    {"list", cmd_list, "list [--set seed|benchmark|all] [--family F] [--json]",
     "table of activations with parameters and computed properties"},
    {"show", cmd_show, "show NAME [--json]", "definition, derivative, parameters, aliases, reference, error bound"},
    {"eval", cmd_eval, "eval NAME[:k=v,...] X... [--float] [--json]",
     "f(x), f'(x) and the parameter gradients (X may be '-' to read standard input)"},
    {"plot", cmd_plot, "plot NAME[:k=v,...]... -o FILE.svg [--range A:B] [--yrange A:B] [--no-derivative]",
     "an SVG plot of the functions and their derivatives"},
    {"bench", cmd_bench, "bench [NAME...] [--sizes 4096,64Ki,1Mi,16Mi] [--threads N] [--json]",
     "kernel speed, forward and backward, against a streaming copy measured in the same run"},
    {"train", cmd_train,
     "train [--model mlp|cnn|resnet|@FILE|DESC] [--act NAME] [--epochs N] [--data fashion-mnist|mnist|cifar10|DIR] ...",
     "train a network with an activation; per-epoch losses and accuracies, test accuracy, time, memory (--help)"},
    {"search", cmd_search,
     "search [--preset quick|default|paper] [--model M] [--acts seed|benchmark|all|NAME,...] [--seeds N] [-o DIR] ...",
     "train a model with each activation (paired seeds, resumable) and report which wins (--help for all options)"},
    {"props", cmd_props,
     "props [NAME[:k=v]...] [--set seed|benchmark|all] [--depth 50 --width 256] [--seed N] [--no-cost] [--rank]\n"
     "            [--json] [--json-file FILE] [--csv FILE]",
     "the four criteria measured: non-linearity, cost, gradient flow, distribution; --rank predicts the order"},
    {"merge", cmd_merge, "merge DIR... -o OUT [--allow-partial]",
     "combine the journals of a search's shards (search --shard K/N) into one journal and its report"},
    {"doc", cmd_doc, "doc", "the whole catalog as Markdown (the source of docs/catalog.md)"},
};

static void usage(FILE *f)
{
    fprintf(f, "activ %s: activation functions for neural networks\n\nusage:\n", ACTIV_VERSION_STRING);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  activ %s\n      %s\n", commands[i].usage, commands[i].what);
    fprintf(f, "\nNAME is a canonical name or an alias (torch.LeakyReLU, keras.leaky_relu, darknet.leaky ...),\n"
               "optionally with parameters: leaky_relu:slope=0.2 or leaky_relu(slope=0.2).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("activ %s\n", ACTIV_VERSION_STRING);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    cli_error("unknown command '%s' (try 'activ --help')", argv[1]);
    return EXIT_USAGE;
}
