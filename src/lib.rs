//! ackbox: a keyboard-driven terminal inbox for the comments and mentions a
//! community manager still owes a personal reply.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod export;
pub mod import;
pub mod limits;
pub mod model;
pub mod output;
pub mod paths;
pub mod stats;
pub mod store;
pub mod text;
pub mod tui;
pub mod when;
