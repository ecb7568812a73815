/*
 * chdb-http: serves ClickHouse's HTTP interface on loopback from the embedded chDB engine (libchdb.so).
 * chDB has no server entry point, but a command-line query keeps the engine alive, and the engine answers
 * HTTP for as long as that query runs; so the query starts the HTTP listener and then sleeps for ever.
 *
 * usage: chdb-http LIBCHDB DATA_DIR HTTP_PORT [EXTRA_ARG...]
 * Stops on SIGTERM (or when the blocking query is killed with KILL QUERY), and by itself when the process that
 * started it is gone, so a crashed test run never leaves a server behind.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef void *(*query_cmdline_fn)(int, char **);
typedef const char *(*result_error_fn)(void *);

static pid_t parent;

/* Polls instead of PR_SET_PDEATHSIG: that fires when the forking *thread* exits, which in a thread pool is any time. */
static void *watch_parent(void *unused)
{
    (void)unused;
    for (;;) {
        sleep(1);
        if (getppid() != parent) kill(getpid(), SIGTERM);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s LIBCHDB DATA_DIR HTTP_PORT [EXTRA_ARG...]\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (!lib) { fprintf(stderr, "chdb-http: %s\n", dlerror()); return 1; }
    query_cmdline_fn query = (query_cmdline_fn)dlsym(lib, "chdb_query_cmdline");
    result_error_fn error = (result_error_fn)dlsym(lib, "chdb_result_error");
    if (!query) { fprintf(stderr, "chdb-http: chdb_query_cmdline not found\n"); return 1; }

    parent = getppid();
    pthread_t watcher;
    pthread_create(&watcher, NULL, watch_parent, NULL);

    static char path[4096], port[64];
    snprintf(path, sizeof path, "--path=%s", argv[2]);
    snprintf(port, sizeof port, "--http_port=%s", argv[3]);
    char *args[64];
    int n = 0;
    args[n++] = "clickhouse";
    args[n++] = path;
    args[n++] = port;
    args[n++] = "--multiquery";
    for (int i = 4; i < argc && n < 60; i++) args[n++] = argv[i];
    args[n++] = "--query";
    /* The second query only keeps the engine (and so its HTTP listener) alive. */
    args[n++] = "SYSTEM START LISTEN HTTP; "
                "SELECT sleepEachRow(1) FROM numbers(1000000000) SETTINGS max_block_size=1 FORMAT Null";
    args[n] = NULL;

    void *result = query(n, args);
    const char *message = (result && error) ? error(result) : NULL;
    if (message && *message) { fprintf(stderr, "chdb-http: %s\n", message); return 1; }
    return 0;
}
