public enum QuarryIndexModule {}
