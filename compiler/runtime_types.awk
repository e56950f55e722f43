# runtime_types.awk - the type names the runtime's public headers declare,
# as a C initialiser list: coroc knows them without reading the headers
# (the runtime header is inserted by coroc itself, after the preprocessor
# run that learns the typedefs of the file's own headers).
#   typedef struct cy_task cy_task;        -> "cy_task",
#   typedef void (*cy_done_fn)(...);       -> "cy_done_fn",
#   } cy_pool;                             -> "cy_pool",
/^typedef .*\(\*cy_[A-Za-z0-9_]*\)/ {
    s = $0; sub(/^[^(]*\(\*/, "", s); sub(/\).*/, "", s)
    print "\"" s "\","; next
}
/^typedef .*[ *]cy_[A-Za-z0-9_]*;/ {
    s = $0; sub(/;.*/, "", s); n = split(s, w, /[ *]+/)
    print "\"" w[n] "\","; next
}
/^} *cy_[A-Za-z0-9_]*;/ {
    s = $0; sub(/^} */, "", s); sub(/;.*/, "", s)
    print "\"" s "\","
}
