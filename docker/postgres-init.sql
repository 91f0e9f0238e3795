create database evalwatch_tasks;
create database evalwatch_reporting;
