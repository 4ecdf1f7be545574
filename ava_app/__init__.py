"""The Streamlit shell's shared helpers: services cached per process, the signed-in user, errors.

Pages import this; ``ava_core`` never does.
"""
