"""The demo commune: fictional, but shaped like a real one."""
